using Dossier.Model;

namespace Dossier.Render;

/// <summary>What a reader sees of a story's claims, the same in Markdown and HTML: the corroborated, the contested, and per source what only it says.</summary>
internal static class ClaimView
{
    /// <summary>Lines per section: a long story keeps hundreds of claims in its JSON, the page shows the strongest.</summary>
    public const int MaxPerSection = 12;
    public const int MaxOnlyPerSource = 5;

    /// <summary>Claims that two or more independent sources state, in agreement or in compatible variants.</summary>
    public static IReadOnlyList<StoryClaim> Corroborated(StoryReport story)
        => story.Claims.Where(c => c.Status is ClaimStatus.Corroborated or ClaimStatus.Compatible).Take(MaxPerSection).ToList();

    public static IReadOnlyList<StoryClaim> Contested(StoryReport story)
        => story.Claims.Where(c => c.Status == ClaimStatus.Contested).Take(MaxPerSection).ToList();

    /// <summary>A brief sentence that rests on one independent source: one article, or an article and its derived copies.</summary>
    public static bool OneSource(BriefSentence b) => b.IndependentSources > 0 ? b.IndependentSources == 1 : b.Articles.Count == 1;

    /// <summary>The strongest claims of two or more other sources that an article leaves out.</summary>
    public static IReadOnlyList<StoryClaim> LeftOut(StoryReport story, string article, int max = 3)
        => story.Coverage.FirstOrDefault(c => c.Article == article) is { } coverage
            ? coverage.Missing.Take(max).Select(i => story.Claims[i]).ToList()
            : [];

    /// <summary>Per source with anything of its own: the claims only it states, and how many claims of two or more others it leaves out.</summary>
    /// <remarks>
    /// A passage already shown as corroborated or contested is not shown again, though another claim of it is
    /// single-source; a derived copy shows only what it alone adds, what it repeats being under its origin.
    /// </remarks>
    public static IReadOnlyList<(string Article, IReadOnlyList<StoryClaim> Only, int Missing)> OnlyIn(StoryReport story)
    {
        var shown = Corroborated(story).Concat(Contested(story)).SelectMany(c => c.Sources)
            .Select(s => (s.Article, s.Span.Start)).ToHashSet();
        // What a derived copy repeats from an article it derives from is shown once, under that article.
        var from = story.Derived.ToDictionary(d => d.Article, d => d.From, StringComparer.Ordinal);
        return story.Coverage
            .Select(c => (c.Article, Only: Own(c), Missing: c.Missing.Count))
            .Where(c => c.Only.Count > 0 || c.Missing > 0)
            .ToList();

        bool Ancestor(string article, string of)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var at = of; from.TryGetValue(at, out var parent) && seen.Add(at); at = parent)
                if (parent == article) return true;
            return false;
        }

        IReadOnlyList<StoryClaim> Own(SourceCoverage c)
        {
            var own = c.Only.Select(i => story.Claims[i])
                .Where(claim => !claim.Sources.Any(s => shown.Contains((s.Article, s.Span.Start))))
                .Where(claim => !claim.Sources.Any(s => Ancestor(s.Article, c.Article)))
                .DistinctBy(claim => claim.Text, StringComparer.Ordinal)
                .ToList();
            // A passage that is part of another one shown for the same source is not shown twice.
            return own.Where(claim => !own.Any(o => o.Text.Length > claim.Text.Length && o.Text.Contains(claim.Text, StringComparison.Ordinal)))
                .Take(MaxOnlyPerSource).ToList();
        }
    }

    /// <summary>
    /// A claim's passage as a reader sees it: a clause cut from a longer sentence is marked as an excerpt ("…gunned
    /// down two women"), so it does not read as a whole sentence. JSON keeps the exact passage.
    /// </summary>
    public static string Display(StoryClaim claim)
    {
        var text = claim.Text.Trim();
        if (text.Length == 0) return text;
        return (claim.CutBefore ? "\u2026" : "") + text + (claim.CutAfter ? "\u2026" : "");
    }

    /// <summary>The different readings the sources give (figure or date), each with the articles that give it; empty when they all read alike.</summary>
    public static IReadOnlyList<(string Reading, IReadOnlyList<string> Articles)> Variants(StoryClaim claim)
    {
        var readings = claim.Sources
            .Select(s => (Reading: s.Figure ?? s.Time, s.Article, s.Negated))
            .Where(r => r.Reading is not null || r.Negated)
            .GroupBy(r => r.Negated ? "not: " + (r.Reading ?? "stated") : r.Reading!, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(r => r.Article).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .ToList();
        return readings.Count > 1 ? readings : [];
    }

    public static IReadOnlyList<string> Articles(StoryClaim claim)
        => claim.Sources.Select(s => s.Article).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<Citation> Citations(StoryClaim claim) => claim.Sources.Select(s => new Citation(s.Article, s.Span)).ToList();

    public static string StatusWords(StoryClaim claim) => claim.Status switch
    {
        ClaimStatus.Corroborated => $"corroborated by {claim.IndependentSources} sources",
        ClaimStatus.Compatible => "compatible" + (claim.Reason is { } r ? ": " + r : ""),
        ClaimStatus.Contested => "contested" + (claim.Reason is { } r ? ": " + r : ""),
        _ => "one source",
    };
}
