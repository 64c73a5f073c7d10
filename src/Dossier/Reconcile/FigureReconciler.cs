using System.Collections.Frozen;
using Dossier.Annotate;
using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>Options for grouping figures about the same thing.</summary>
public sealed record FigureOptions
{
    /// <summary>How alike two figures' contexts must be (0..1) to be about the same thing.</summary>
    public double SameThingThreshold { get; init; } = 0.3;
    /// <summary>The relative spread an approximate figure ("about 12,000") is taken to cover on each side.</summary>
    public double ApproximateTolerance { get; init; } = 0.1;
    /// <summary>Figures read per article; a news report has a few dozen, a table dump thousands that say nothing.</summary>
    public int MaxFiguresPerArticle { get; init; } = 100;
}

/// <summary>
/// Groups the figures that different articles give for the same thing (same kind of unit, same governing verb,
/// overlapping context) and judges whether they agree, are compatible, or conflict, by interval arithmetic.
/// </summary>
public sealed class FigureReconciler(FigureOptions options)
{
    public FigureReconciler() : this(new FigureOptions()) { }

    private sealed record Item(int ArticleIndex, AnnotatedArticle Article, FigureMention Figure, HashSet<string> Context, TextSpan TextSpan, HashSet<string> Years, StoryEntity? Subject)
    {
        public string Text => TextSpan.Of(Article.Text);
    }

    public IReadOnlyList<FigureGroup> Reconcile(IReadOnlyList<AnnotatedArticle> articles, ResolvedEntities entities)
    {
        var items = new List<Item>();
        for (var a = 0; a < articles.Count; a++)
        {
            var article = articles[a];
            foreach (var figure in article.Figures.Take(options.MaxFiguresPerArticle))
            {
                if (figure.UnitClass is null || (figure.Low is null && figure.High is null)) continue;
                var subject = figure.SubjectSpan is { } at ? entities.At(article, at) : null;
                items.Add(new Item(a, article, figure, Context(article, figure, entities), SpanOf(figure), YearsAround(article, figure), subject));
            }
        }

        // Only figures of the same kind and unit class can be about the same thing.
        var groupsByClass = new Dictionary<(FigureKind, string), List<List<Item>>>();
        var groups = new List<List<Item>>();
        foreach (var item in items)
        {
            List<Item>? best = null;
            var bestScore = options.SameThingThreshold;
            var key = (item.Figure.Kind, item.Figure.UnitClass!);
            if (!groupsByClass.TryGetValue(key, out var candidates)) groupsByClass[key] = candidates = [];
            foreach (var group in candidates)
            {
                // One article gives one reading of a thing; a second, different number from it is about something else.
                if (group.Any(g => g.ArticleIndex == item.ArticleIndex && !SameReading(g.Figure, item.Figure))) continue;
                var score = group.Max(g => Similarity(g, item));
                if (score >= bestScore) { best = group; bestScore = score; }
            }
            if (best is null)
            {
                List<Item> created = [item];
                groups.Add(created);
                candidates.Add(created);
            }
            else best.Add(item);
        }

        return groups
            .Select(ToFigureGroup)
            .OrderByDescending(g => g.Variants.SelectMany(v => v.Articles).Distinct().Count())
            .ThenBy(g => g.Variants[0].Citations[0].Article, StringComparer.Ordinal)
            .ThenBy(g => g.Variants[0].Citations[0].Span.Start)
            .ToList();
    }

    private static bool SameReading(FigureMention a, FigureMention b)
        => a.Low == b.Low && a.High == b.High && a.Approximate == b.Approximate;

    /// <summary>The verb that says what the figure did: "officials said 10 people" says nothing of what the 10 did, nor does "be" or "have".</summary>
    private static string? Governing(FigureMention f) => f.Verb is { } v && v is not ("be" or "have") && !FigureRecognizer.IsReportingVerb(v) ? v : null;

    /// <summary>The years the figure's sentence is dated to: a toll "in 2003" is not the toll of this week's quake.</summary>
    private static HashSet<string> YearsAround(AnnotatedArticle article, FigureMention figure)
    {
        var years = new HashSet<string>(StringComparer.Ordinal);
        var s = SentenceIndex.Find(article.Sentences, figure.Span.Start);
        if (s < 0) return years;
        var sentence = article.Sentences[s].Span;
        foreach (var t in article.Times)
            if (sentence.Contains(t.Span) && t.Type == TimexType.DATE && t.Value is { Length: >= 4 } v && char.IsDigit(v[0]) && char.IsDigit(v[3]))
                years.Add(v[..4]);
        return years;
    }

    private static double Similarity(Item a, Item b)
    {
        if (a.Years.Count > 0 && b.Years.Count > 0 && !a.Years.Overlaps(b.Years)) return 0;
        var verb = Governing(a.Figure) is { } v && v == Governing(b.Figure) ? 0.4 : 0.0;
        // The same story entity as the subject of both ("North Korea has sent ...") is strong evidence of one fact.
        var subject = a.Subject is { } x && b.Subject is { } y && x.Id == y.Id ? 0.2 : 0.0;
        return verb + subject + 0.6 * SentenceIndex.Jaccard(a.Context, b.Context) + (SameReading(a.Figure, b.Figure) ? 0.1 : 0.0);
    }

    /// <summary>What surrounds a figure in its sentence: content stems and the story entities named there.</summary>
    private static HashSet<string> Context(AnnotatedArticle article, FigureMention figure, ResolvedEntities entities)
    {
        var s = SentenceIndex.Find(article.Sentences, figure.Span.Start);
        var span = s >= 0 ? article.Sentences[s].Span : figure.Span;
        var context = SentenceIndex.Stems(article, span);
        foreach (var stem in SentenceIndex.Stems(article, figure.Span)) context.Remove(stem);
        foreach (var m in article.Entities)
            if (span.Contains(m.Span) && entities.At(article, m.Span) is { } e) context.Add("@" + e.Id);
        return context;
    }

    /// <summary>The figure with its counted noun ("more than 10,000 soldiers"), as cited.</summary>
    private static TextSpan SpanOf(FigureMention figure)
        => figure.UnitSpan is { } unit && unit.End > figure.Span.End ? TextSpan.FromBounds(figure.Span.Start, unit.End) : figure.Span;

    private FigureGroup ToFigureGroup(List<Item> items)
    {
        var variants = items
            .GroupBy(i => (i.Figure.Low, i.Figure.High, i.Figure.Approximate))
            .Select(g => new FigureVariant(
                g.Key.Low, g.Key.High, g.Key.Approximate,
                Unit: g.First().Figure.Unit ?? g.First().Figure.UnitClass ?? "",
                Text: g.First().Text,
                Articles: g.Select(i => i.Article.Id).Distinct().Order(StringComparer.Ordinal).ToList(),
                Citations: g.Select(i => new Citation(i.Article.Id, i.TextSpan)).ToList()))
            .OrderBy(v => v.Citations[0].Article, StringComparer.Ordinal).ThenBy(v => v.Citations[0].Span.Start)
            .ToList();

        var articleCount = items.Select(i => i.ArticleIndex).Distinct().Count();
        return new FigureGroup(About(items), Judge(variants, articleCount), variants);
    }

    private Agreement Judge(IReadOnlyList<FigureVariant> variants, int articleCount)
    {
        if (articleCount < 2) return Agreement.Single;
        if (variants.Count == 1) return Agreement.Agree;
        for (var i = 0; i < variants.Count; i++)
            for (var j = i + 1; j < variants.Count; j++)
                if (!Overlaps(Interval(variants[i]), Interval(variants[j]))) return Agreement.Conflict;
        return Agreement.Compatible;
    }

    /// <summary>The values a reading admits; an approximate figure covers a tolerance around it, open ends are infinite.</summary>
    public (double Low, double High) Interval(FigureVariant v)
    {
        var low = v.Low ?? double.NegativeInfinity;
        var high = v.High ?? double.PositiveInfinity;
        if (v.Approximate)
        {
            if (v.Low is { } l) low = l * (1 - options.ApproximateTolerance);
            if (v.High is { } h) high = h * (1 + options.ApproximateTolerance);
        }
        return (low, high);
    }

    private static bool Overlaps((double Low, double High) a, (double Low, double High) b) => a.Low <= b.High && b.Low <= a.High;

    private static string About(List<Item> items)
    {
        var unit = items.GroupBy(i => (i.Figure.Unit ?? i.Figure.UnitClass ?? "").ToLowerInvariant())
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var verb = items.Select(i => Governing(i.Figure)).Where(v => v is not null)
            .GroupBy(v => v!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
        var about = verb is null ? unit : $"{unit} ({verb})";
        // Named when most of the figures share it: "North Korea: soldiers (send)".
        var subject = items.Where(i => i.Subject is not null).GroupBy(i => i.Subject!.Id)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        return subject is not null && 2 * subject.Count() > items.Count ? $"{subject.First().Subject!.Name}: {about}" : about;
    }
}
