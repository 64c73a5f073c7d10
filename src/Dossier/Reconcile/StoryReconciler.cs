using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>Options for reconciling a story; each part has its own.</summary>
public sealed record ReconcileOptions
{
    public FigureOptions Figures { get; init; } = new();
    public BriefOptions Brief { get; init; } = new();
    public ClaimOptions Claims { get; init; } = new();
    public CopyOptions Copies { get; init; } = new();
}

/// <summary>
/// Reads a story across its sources: dates it, resolves its entities, groups its figures and quotes, lays out its
/// timeline and writes its brief.
/// </summary>
public sealed class StoryReconciler(ReconcileOptions options)
{
    private readonly StoryDating _dating = new();
    private readonly EntityResolver _entities = new();
    private readonly FigureReconciler _figures = new(options.Figures);
    private readonly TimelineBuilder _timeline = new();
    private readonly QuoteCollector _quotes = new();
    private readonly BriefWriter _brief = new(options.Brief);
    private readonly CopyDetector _copies = new(options.Copies);
    private readonly ClaimAligner _claims = new(options.Claims, options.Figures);

    public StoryReconciler() : this(new ReconcileOptions()) { }

    /// <summary>The report, and the story's articles as dated by it.</summary>
    public (StoryReport Report, IReadOnlyList<AnnotatedArticle> Articles) Reconcile(Story story)
    {
        var articles = _dating.Fill(story.Articles);
        var copies = story.Duplicates.Select(d => d.ArticleId).ToHashSet(StringComparer.Ordinal);
        // Copies add no independent voice: the brief and figures count each original once.
        var sources = articles.Where(a => !copies.Contains(a.Id)).ToList();

        var entities = _entities.Resolve(articles);
        var dates = articles.Select(a => a.Article.Published?.Date).OfType<DateOnly>().Order().ToList();
        int? storyYear = dates.Count > 0 ? dates[dates.Count / 2].Year : null;
        var figures = _figures.Reconcile(sources, entities);
        var derived = _copies.Find(articles, story.Duplicates);
        var (claims, coverage) = _claims.Align(sources, entities, figures, derived);
        var (brief, onlyInOne) = _brief.Write(sources, entities, claims, CopyDetector.Origins(articles.Select(a => a.Id), derived));

        var report = new StoryReport(
            story.Id,
            Headline(sources, brief, entities),
            articles.Select(a => a.Id).ToList(),
            entities.Entities,
            _quotes.Collect(articles, entities),
            figures,
            _timeline.Build(sources, storyYear),
            brief,
            onlyInOne)
        {
            From = dates.Count > 0 ? dates[0] : null,
            To = dates.Count > 0 ? dates[^1] : null,
            Duplicates = story.Duplicates,
            Claims = claims,
            Derived = derived,
            Coverage = coverage,
        };
        return (report, articles);
    }

    /// <summary>
    /// The title of the source whose title names the story's central entities best; failing any title, the opening
    /// clause of the brief's first sentence.
    /// </summary>
    private static string Headline(IReadOnlyList<AnnotatedArticle> sources, IReadOnlyList<BriefSentence> brief, ResolvedEntities entities)
    {
        var titled = sources.Where(a => !string.IsNullOrWhiteSpace(a.Article.Title)).ToList();
        if (titled.Count > 0)
        {
            var central = entities.Entities.Take(8).SelectMany(e => e.Aliases).ToList();
            return titled
                .Select(a => (Title: a.Article.Title!.Trim(), Score: central.Count(alias => a.Article.Title!.Contains(alias, StringComparison.OrdinalIgnoreCase))))
                .OrderByDescending(t => t.Score).ThenBy(t => t.Title.Length > 120 ? 1 : 0).First().Title;
        }
        if (brief.Count == 0) return sources.Count > 0 ? sources[0].Id : "Untitled story";
        var text = brief[0].Text;
        var words = text.Split(' ');
        if (words.Length <= 16) return text.TrimEnd('.');
        var cut = string.Join(' ', words.Take(16));
        var comma = cut.IndexOf(',', StringComparison.Ordinal);
        return (comma > 30 ? cut[..comma] : cut.TrimEnd(',', ';')) + " …";
    }
}
