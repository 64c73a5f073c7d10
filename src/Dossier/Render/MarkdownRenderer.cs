using System.Globalization;
using System.Text;
using Dossier.Model;

namespace Dossier.Render;

/// <summary>
/// Writes the reader's view: per story a headline, a cited brief, where sources differ, a timeline, who said what,
/// what only one source reports, and where each article's date came from.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string Render(Analysis analysis)
    {
        var sb = new StringBuilder();
        var byId = analysis.Articles.ToDictionary(a => a.Id, StringComparer.Ordinal);
        sb.Append("# Dossier: ").Append(Count(analysis.Stories.Count, "story", "stories")).Append(" from ")
            .Append(Count(analysis.Articles.Count, "article", "articles")).Append("\n\n");
        foreach (var story in analysis.Stories) RenderStory(sb, story, byId);
        if (analysis.Skipped.Count > 0)
        {
            sb.Append("## Skipped inputs\n\n");
            foreach (var s in analysis.Skipped) sb.Append("- `").Append(s.Path).Append("`: ").Append(s.Reason).Append('\n');
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static void RenderStory(StringBuilder sb, StoryReport story, IReadOnlyDictionary<string, AnnotatedArticle> byId)
    {
        var labels = Labels.For(story.Articles);
        string Cite(IEnumerable<string> ids) => string.Join(' ', ids.Select(id => $"[{labels.GetValueOrDefault(id, id)}]"));

        sb.Append("## ").Append(Escape(story.Headline)).Append("\n\n");
        var header = new List<string> { Count(story.Articles.Count, "source", "sources") };
        if (DateRange(story.From, story.To) is { } range) header.Add(range);
        foreach (var id in story.Articles)
        {
            var title = byId.TryGetValue(id, out var a) && a.Article.Title is { } t ? $"\"{Escape(t)}\"" : "untitled";
            header.Add($"[{labels[id]}] {title}");
        }
        sb.Append(string.Join(" · ", header)).Append("\n\n");

        if (story.Brief.Count > 0)
        {
            sb.Append("**Brief**\n\n");
            for (var i = 0; i < story.Brief.Count; i++)
            {
                var b = story.Brief[i];
                sb.Append(i + 1).Append(". ").Append(Escape(b.Text)).Append(' ').Append(Cite(b.Articles));
                if (ClaimView.OneSource(b) && story.Articles.Count > 1) sb.Append(" *(one source)*");
                sb.Append('\n');
            }
            sb.Append('\n');
        }

        RenderDifferences(sb, story, byId, labels);

        if (story.Timeline.Count > 0)
        {
            sb.Append("**Timeline**\n\n");
            foreach (var t in story.Timeline)
                sb.Append("- ").Append(FormatDate(t.Date)).Append(" — ").Append(Escape(t.Text)).Append(' ').Append(Cite(t.Articles)).Append('\n');
            sb.Append('\n');
        }

        // Shown: words attributed to a story entity; two-word scare quotes stay in the JSON only.
        var quotes = story.Quotes.Where(q => q.Speaker is not null && Reconcile.Clauses.CountWords(q.Text, new TextSpan(0, q.Text.Length)) >= 4).ToList();
        if (quotes.Count > 0)
        {
            sb.Append("**Who said what**\n\n");
            foreach (var speaker in quotes.GroupBy(q => q.SpeakerName, StringComparer.Ordinal))
            {
                foreach (var q in speaker)
                {
                    sb.Append("- ").Append(Escape(q.SpeakerName));
                    if (q.Via is { } via && via != q.SpeakerName) sb.Append(" (via ").Append(Escape(via)).Append(')');
                    sb.Append(": ");
                    sb.Append(q.Kind == QuoteKind.Reported ? Escape(q.Text) : $"“{Escape(q.Text)}”");
                    sb.Append(' ').Append(Cite(q.Articles)).Append('\n');
                }
            }
            sb.Append('\n');
        }

        RenderClaims(sb, story, labels, Cite);

        // Sources with no claim of their own still show the sentences nothing else echoes.
        var claimed = ClaimView.OnlyIn(story).Where(o => o.Only.Count > 0).Select(o => o.Article).ToHashSet(StringComparer.Ordinal);
        var exclusives = story.OnlyInOne.Where(o => !claimed.Contains(o.Article)).ToList();
        if (exclusives.Count > 0)
        {
            sb.Append("**Only in one source**\n\n");
            foreach (var o in exclusives)
                sb.Append("- [").Append(labels[o.Article]).Append("] ").Append(string.Join(" ", o.Items.Select(i => Escape(i.Text)))).Append('\n');
            sb.Append('\n');
        }

        RenderSources(sb, story, byId, labels);
    }

    /// <summary>The claims sections: corroborated, contested, and per source what only it states and what it leaves out.</summary>
    private static void RenderClaims(StringBuilder sb, StoryReport story, IReadOnlyDictionary<string, string> labels, Func<IEnumerable<string>, string> cite)
    {
        void Line(StoryClaim c, bool withStatus)
        {
            sb.Append("- ").Append(Escape(ClaimView.Display(c))).Append(' ').Append(cite(ClaimView.Articles(c)));
            if (withStatus) sb.Append(" *(").Append(Escape(ClaimView.StatusWords(c))).Append(")*");
            var variants = ClaimView.Variants(c);
            if (variants.Count > 0)
                sb.Append(": ").Append(string.Join("; ", variants.Select(v => $"{Escape(v.Reading)} {cite(v.Articles)}")));
            sb.Append('\n');
        }
        if (story.Articles.Count < 2 || story.Claims.Count == 0) return;
        var corroborated = ClaimView.Corroborated(story);
        if (corroborated.Count > 0)
        {
            sb.Append("**Corroborated**\n\n");
            foreach (var c in corroborated) Line(c, withStatus: c.Status != ClaimStatus.Corroborated);
            sb.Append('\n');
        }
        var contested = ClaimView.Contested(story);
        if (contested.Count > 0)
        {
            sb.Append("**Contested**\n\n");
            foreach (var c in contested) Line(c, withStatus: true);
            sb.Append('\n');
        }
        foreach (var (article, only, missing) in ClaimView.OnlyIn(story))
        {
            sb.Append(only.Count > 0 ? "**Only in [" : "**Left out by [").Append(labels.GetValueOrDefault(article, article)).Append("]**\n\n");
            foreach (var text in only.Select(ClaimView.Display).Distinct(StringComparer.Ordinal)) sb.Append("- ").Append(Escape(text)).Append('\n');
            if (missing > 0)
            {
                sb.Append("- *Leaves out ").Append(missing).Append(missing == 1 ? " claim" : " claims").Append(" that two or more other sources state*");
                var left = ClaimView.LeftOut(story, article);
                sb.Append(left.Count == 0 ? "" : ": " + string.Join("; ", left.Select(c => $"{Escape(ClaimView.Display(c))} {cite(ClaimView.Articles(c))}"))).Append('\n');
            }
            sb.Append('\n');
        }
        if (story.Derived.Count > 0)
        {
            sb.Append("**Derived copies**: ")
                .Append(string.Join(" · ", story.Derived.Select(d => $"[{labels.GetValueOrDefault(d.Article, d.Article)}] looks derived from [{labels.GetValueOrDefault(d.From, d.From)}] ({d.Share.ToString("P0", Invariant)} of its words in copied sentences)")))
                .Append("; each counts as one source with its origin.\n\n");
        }
    }

    private static void RenderDifferences(StringBuilder sb, StoryReport story, IReadOnlyDictionary<string, AnnotatedArticle> byId, IReadOnlyDictionary<string, string> labels)
    {
        var figures = story.Figures.Where(f => f.Agreement != Agreement.Single).ToList();
        // Spellings that differ only by dots or case (U.S./US) are not worth a row.
        var spellings = story.Entities.Where(e => e.Articles.Count > 1
            && SpellingVariants(e).Select(v => v.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant()).Distinct().Count() > 1).ToList();
        if (figures.Count == 0 && spellings.Count == 0) return;

        var ids = story.Articles;
        sb.Append("**Where sources differ**\n\n");
        sb.Append("| about | ").Append(string.Join(" | ", ids.Select(id => $"[{labels[id]}]"))).Append(" | verdict |\n");
        sb.Append("| --- |").Append(string.Concat(ids.Select(_ => " --- |"))).Append(" --- |\n");
        foreach (var f in figures)
        {
            sb.Append("| ").Append(Cell(f.About)).Append(" |");
            foreach (var id in ids)
            {
                // Each source in its own words, read back from its citation.
                var cited = f.Variants.SelectMany(v => v.Citations).FirstOrDefault(c => c.Article == id);
                var words = cited is not null && byId.TryGetValue(id, out var source) ? Reconcile.Clauses.OneLine(source.Text, cited.Span) : null;
                sb.Append(' ').Append(words is null ? "—" : Cell(words)).Append(" |");
            }
            sb.Append(' ').Append(Verdict(f)).Append(" |\n");
        }
        foreach (var e in spellings)
        {
            sb.Append("| spelling of ").Append(Cell(e.Name)).Append(" |");
            var variants = SpellingVariants(e);
            foreach (var id in ids)
            {
                // The full forms this article writes, read back from its mentions.
                var forms = e.Mentions.Where(m => m.Article == id && byId.ContainsKey(id))
                    .Select(m => Reconcile.NameForms.Tidy(byId[id].Of(m.Span)))
                    .Where(f => variants.Contains(f, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
                sb.Append(' ').Append(forms.Count == 0 ? "—" : Cell(string.Join(", ", forms))).Append(" |");
            }
            sb.Append(' ').Append(Cell(string.Join(" / ", SpellingVariants(e)))).Append(": one ").Append(e.Type == EntityType.PER ? "person" : "entity").Append(" |\n");
        }
        sb.Append('\n');
    }

    /// <summary>Aliases that differ in spelling, not merely by being shorter: "Andrei Belousov" and "Andrey Belousov".</summary>
    private static List<string> SpellingVariants(StoryEntity e)
    {
        var person = e.Type == EntityType.PER;
        var longest = e.Aliases.Max(a => Reconcile.NameForms.Tokens(a, person).Count);
        return e.Aliases.Where(a => Reconcile.NameForms.Tokens(a, person).Count == longest).Distinct(StringComparer.Ordinal).ToList();
    }

    internal static string Verdict(FigureGroup f) => f.Agreement switch
    {
        Agreement.Agree => "agree",
        Agreement.Compatible => "compatible: ranges overlap",
        Agreement.Conflict => "**conflict**: ranges exclude each other",
        _ => "single source",
    };

    private static void RenderSources(StringBuilder sb, StoryReport story, IReadOnlyDictionary<string, AnnotatedArticle> byId, IReadOnlyDictionary<string, string> labels)
    {
        var parts = new List<string>();
        var removed = new List<string>();
        foreach (var id in story.Articles)
        {
            if (!byId.TryGetValue(id, out var a)) continue;
            var origin = Path.GetFileName(a.Article.Origin);
            var date = a.Article.Published is { } p ? $"{p.ToIsoString()} ({DateProvenance(p)})" : "date unknown";
            var copy = story.Duplicates.FirstOrDefault(d => d.ArticleId == id);
            var note = copy is null ? "" : $", copy of [{labels.GetValueOrDefault(copy.OriginalId, copy.OriginalId)}]";
            parts.Add($"[{labels[id]}] {Escape(origin)}, {date}{note}");
            removed.AddRange(a.Article.Removed.Select(r => $"\"{Escape(Shorten(r.Text, 60))}\" [{labels[id]}]"));
        }
        sb.Append("**Sources**: ").Append(string.Join(" · ", parts)).Append('.');
        if (removed.Count > 0) sb.Append(" Removed as page furniture: ").Append(string.Join(", ", removed)).Append('.');
        sb.Append("\n\n");
    }

    internal static string DateProvenance(PublishedDate p) => p.Source switch
    {
        DateSource.Metadata => "from metadata",
        DateSource.Dateline => "from the dateline",
        DateSource.Url => "from the URL",
        DateSource.TextFullDate => $"inferred from the text{(p.Evidence is { } e ? $": \"{e}\"" : "")}",
        DateSource.WeekdayMonthDay => $"weekday and day pin the year{(p.Evidence is { } e ? $": \"{e}\"" : "")}",
        DateSource.Story => "borrowed from the story",
        _ => "",
    };

    internal static string? DateRange(DateOnly? from, DateOnly? to)
    {
        if (from is not { } f) return null;
        var t = to ?? f;
        if (f == t) return f.ToString("d MMM yyyy", Invariant);
        if (f.Year == t.Year && f.Month == t.Month) return $"{f.Day}–{t.ToString("d MMM yyyy", Invariant)}";
        if (f.Year == t.Year) return $"{f.ToString("d MMM", Invariant)} – {t.ToString("d MMM yyyy", Invariant)}";
        return $"{f.ToString("d MMM yyyy", Invariant)} – {t.ToString("d MMM yyyy", Invariant)}";
    }

    /// <summary>"2024-11-29" as "29 Nov 2024 (Fri)", "2024-06" as "Jun 2024".</summary>
    public static string FormatDate(string value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d))
            return d.ToString("d MMM yyyy (ddd)", Invariant);
        if (DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var m))
            return m.ToString("MMM yyyy", Invariant);
        return value;
    }

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    /// <summary>Keeps source text from being read as Markdown markup.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#' or '|') sb.Append('\\');
            sb.Append(c is '\n' or '\r' ? ' ' : c);
        }
        return sb.ToString();
    }

    private static string Cell(string text) => Escape(text);
}
