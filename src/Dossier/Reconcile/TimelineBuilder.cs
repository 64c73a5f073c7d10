using System.Text.RegularExpressions;
using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>
/// Builds a story's timeline from the dated expressions of its articles: one entry per calendar date (day, month, or
/// a year other than the story's own), with the clause that mentions it and every article that mentions the date.
/// </summary>
public sealed partial class TimelineBuilder
{
    private const int MaxCitationsPerArticle = 20;

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2})?)?$")]
    private static partial Regex CalendarValue();

    public IReadOnlyList<TimelineEntry> Build(IReadOnlyList<AnnotatedArticle> articles, int? storyYear)
    {
        var byDate = new SortedDictionary<string, List<(AnnotatedArticle Article, TimeExpression Time)>>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            foreach (var time in article.Times)
            {
                if (time.Type != TimexType.DATE || time.Value is not { } value || !CalendarValue().IsMatch(value)) continue;
                // A bare year equal to the story's own ("this year") places nothing on the timeline.
                if (value.Length == 4 && storyYear is { } y && value == y.ToString(System.Globalization.CultureInfo.InvariantCulture)) continue;
                if (!byDate.TryGetValue(value, out var list)) byDate[value] = list = [];
                // A few passages per article are evidence enough; a table of dates would add thousands.
                if (list.Count(m => ReferenceEquals(m.Article, article)) < MaxCitationsPerArticle) list.Add((article, time));
            }
        }

        var entries = new List<TimelineEntry>();
        foreach (var (date, mentions) in byDate)
        {
            var citations = new List<Citation>();
            foreach (var (article, time) in mentions)
            {
                var s = SentenceIndex.Find(article.Sentences, time.Span.Start);
                var sentence = s >= 0 ? article.Sentences[s].Span : time.Span;
                citations.Add(new Citation(article.Id, Clauses.Around(article.Text, sentence, time.Span)));
            }
            // The line shown is the shortest clause that says what happened, not a bare dateline: it needs a few
            // words besides the date itself.
            var (lead, leadSpan) = mentions
                .Select((m, i) => (m.Article, Span: citations[i].Span, Said: LowerCaseWords(m.Article.Text, citations[i].Span, m.Time.Span)))
                .OrderBy(m => m.Said < 3 ? 1 : 0)
                .ThenBy(m => m.Span.Length)
                .Select(m => (m.Article, m.Span))
                .First();
            entries.Add(new TimelineEntry(
                date,
                Clauses.OneLine(lead.Text, leadSpan),
                mentions.Select(m => m.Article.Id).Distinct().Order(StringComparer.Ordinal).ToList(),
                citations));
        }
        return entries;
    }

    /// <summary>Lower-case words outside the date: a dateline ("Posted: Nov 27, 2005 8:20 AM ET") has none.</summary>
    private static int LowerCaseWords(string text, TextSpan clause, TextSpan date)
    {
        var n = 0;
        for (var i = clause.Start; i < clause.End; i++)
        {
            if (!char.IsLetter(text[i]) || (i > clause.Start && char.IsLetter(text[i - 1]))) continue;
            if (date.Contains(i) || !char.IsLower(text[i])) continue;
            var end = i;
            while (end < clause.End && char.IsLetter(text[end])) end++;
            if (end - i >= 2) n++;
        }
        return n;
    }
}
