using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Infers an article's date from its text when metadata gives none: dateline, URL, first full date, weekday with month and day.</summary>
public sealed class ArticleDateFinder(TimeProvider clock)
{
    private readonly TimeProvider _clock = clock;

    public PublishedDate? Find(Article article, IReadOnlyList<TimeExpression> times) => throw new NotImplementedException(_clock.ToString());
}
