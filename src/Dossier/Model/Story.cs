namespace Dossier.Model;

/// <summary>An article judged a near-copy of another: it is kept, but does not count as an independent source.</summary>
public sealed record DuplicateLink(string ArticleId, string OriginalId, double Similarity);

/// <summary>The articles of one event.</summary>
public sealed record Story(string Id, IReadOnlyList<AnnotatedArticle> Articles)
{
    public IReadOnlyList<DuplicateLink> Duplicates { get; init; } = [];
}
