using System.Collections.Frozen;
using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>Options for the brief.</summary>
public sealed record BriefOptions
{
    public int MinSentences { get; init; } = 5;
    public int MaxSentences { get; init; } = 12;
    /// <summary>Cosine at which a sentence of another article is taken to say the same thing (below about 0.4, pairs
    /// share a topic and names rather than a claim).</summary>
    public double SupportThreshold { get; init; } = 0.4;
    /// <summary>Cosine above which a candidate repeats a sentence already in the brief.</summary>
    public double RedundancyThreshold { get; init; } = 0.45;
    /// <summary>Cosine below which nothing in another article is taken to say the same thing.</summary>
    public double ExclusiveThreshold { get; init; } = 0.2;
    public int ExclusivePerSource { get; init; } = 3;
}

/// <summary>
/// Writes the brief by extraction: the sentences that most of the story's sources echo, that name its central
/// entities and come early, without repeating each other; each cites its own article and every article that says
/// the same. Also lists what each source alone reports.
/// </summary>
public sealed class BriefWriter(BriefOptions options)
{
    public BriefWriter() : this(new BriefOptions()) { }

    /// <summary>Words that make a sentence lean on the one before it, so it cannot stand alone in a brief.</summary>
    private static readonly FrozenSet<string> ContextOpeners = new[]
    {
        "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their", "such", "however",
        "but", "and", "also", "instead", "still", "yet", "so", "then", "there", "here", "meanwhile", "moreover",
        "furthermore", "additionally", "nevertheless", "nonetheless", "thus", "therefore", "hence", "otherwise", "or",
        "we", "i", "you", "our", "my", "your", "him", "them",
    }.ToFrozenSet(StringComparer.Ordinal);

    public (IReadOnlyList<BriefSentence> Brief, IReadOnlyList<SourceExclusive> OnlyInOne) Write(
        IReadOnlyList<AnnotatedArticle> sources, ResolvedEntities entities)
        => Write(sources, entities, [], new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>
    /// The brief, where a sentence that states a claim of two or more independent sources counts as corroborated and
    /// cites their passages too, though its wording differs too much for the sentence match to see it.
    /// </summary>
    public (IReadOnlyList<BriefSentence> Brief, IReadOnlyList<SourceExclusive> OnlyInOne) Write(
        IReadOnlyList<AnnotatedArticle> sources, ResolvedEntities entities, IReadOnlyList<StoryClaim> claims,
        IReadOnlyDictionary<string, string> origin)
    {
        var graph = new SentenceGraph(sources, entities);
        string Origin(string article) => origin.GetValueOrDefault(article, article);
        // Support from a derived copy of the sentence's own article is the same voice again.
        bool Supported(int s) => graph.Support(s, options.SupportThreshold)
            .Any(x => Origin(graph.Sentences[x.Sentence].Article.Id) != Origin(graph.Sentences[s].Article.Id));
        // Per sentence, the claims of several sources it states: a second sentence stating the same one repeats it.
        var stated = new Dictionary<int, HashSet<int>>();
        var claimed = ClaimSupport(graph, claims, stated);
        bool SameClaim(int a, int b) => stated.TryGetValue(a, out var x) && stated.TryGetValue(b, out var y) && x.Overlaps(y);
        var salience = Salience(entities);
        var candidates = new List<(int Sentence, double Score)>();
        for (var s = 0; s < graph.Sentences.Count; s++)
        {
            if (!StandsAlone(graph.Sentences[s])) continue;
            candidates.Add((s, Score(graph, s, salience)));
        }
        candidates.Sort((x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : x.Sentence.CompareTo(y.Sentence));

        var target = Math.Clamp(sources.Count + 4, options.MinSentences, options.MaxSentences);
        var chosen = new List<int>();
        // What two or more sources say comes first; single-source sentences only fill a brief that is still short.
        foreach (var corroborated in new[] { true, false })
        {
            var limit = corroborated ? target : options.MinSentences;
            foreach (var (s, _) in candidates)
            {
                if (chosen.Count >= limit) break;
                if ((Supported(s) || claimed.ContainsKey(s)) != corroborated) continue;
                if (chosen.Any(c => graph.Cosine(c, s) > options.RedundancyThreshold || SameClaim(c, s))) continue;
                chosen.Add(s);
            }
        }

        var brief = chosen.Select(s => WithClaims(Cite(graph, s, options.SupportThreshold), claimed.GetValueOrDefault(s)))
            .Select(b => b with { IndependentSources = b.Articles.Select(Origin).Distinct(StringComparer.Ordinal).Count() })
            .ToList();
        var exclusives = new List<SourceExclusive>();
        if (sources.Count > 1)
        {
            for (var a = 0; a < sources.Count; a++)
            {
                var items = candidates
                    .Where(c => graph.Sentences[c.Sentence].ArticleIndex == a && !chosen.Contains(c.Sentence)
                        && !graph.Support(c.Sentence, options.ExclusiveThreshold).Any())
                    .Take(options.ExclusivePerSource)
                    .Select(c => Cite(graph, c.Sentence, double.PositiveInfinity))
                    .ToList();
                if (items.Count > 0) exclusives.Add(new SourceExclusive(sources[a].Id, items));
            }
        }
        return (brief, exclusives);
    }

    /// <summary>For each sentence that states a claim of two or more independent sources, the other articles' passages of it.</summary>
    private static Dictionary<int, List<Citation>> ClaimSupport(SentenceGraph graph, IReadOnlyList<StoryClaim> claims, Dictionary<int, HashSet<int>> stated)
    {
        var result = new Dictionary<int, List<Citation>>();
        if (claims.Count == 0) return result;
        var index = new Dictionary<(string, int), int>();
        for (var s = 0; s < graph.Sentences.Count; s++) index[(graph.Sentences[s].Article.Id, graph.Sentences[s].Span.Start)] = s;
        var articles = graph.Sentences.Select(x => x.Article).DistinctBy(a => a.Id).ToDictionary(a => a.Id, StringComparer.Ordinal);
        for (var c = 0; c < claims.Count; c++)
        {
            var claim = claims[c];
            if (claim.IndependentSources < 2 || claim.Status == ClaimStatus.Contested) continue;
            foreach (var source in claim.Sources)
            {
                if (!articles.TryGetValue(source.Article, out var article)) continue;
                var at = SentenceIndex.Find(article.Sentences, source.Span.Start);
                if (at < 0 || !index.TryGetValue((source.Article, article.Sentences[at].Span.Start), out var s)) continue;
                if (!result.TryGetValue(s, out var list)) result[s] = list = [];
                if (!stated.TryGetValue(s, out var set)) stated[s] = set = [];
                set.Add(c);
                list.AddRange(claim.Sources.Where(o => o.Article != source.Article).Select(o => new Citation(o.Article, o.Span)));
            }
        }
        return result;
    }

    private static BriefSentence WithClaims(BriefSentence sentence, List<Citation>? extra)
    {
        if (extra is null) return sentence;
        var citations = sentence.Citations.ToList();
        foreach (var c in extra)
            if (!citations.Any(x => x.Article == c.Article)) citations.Add(c);
        return sentence with
        {
            Citations = citations,
            Articles = citations.Select(c => c.Article).Distinct().Order(StringComparer.Ordinal).ToList(),
        };
    }

    private static BriefSentence Cite(SentenceGraph graph, int s, double threshold)
    {
        var own = graph.Sentences[s];
        var citations = new List<Citation> { new(own.Article.Id, own.Span) };
        foreach (var (_, other, _) in graph.Support(s, threshold))
        {
            var o = graph.Sentences[other];
            citations.Add(new Citation(o.Article.Id, o.Span));
        }
        var articles = citations.Select(c => c.Article).Distinct().Order(StringComparer.Ordinal).ToList();
        return new BriefSentence(own.Text, articles, citations);
    }

    /// <summary>How much the rest of the story echoes a sentence, how central its entities are, how early it comes.</summary>
    private static double Score(SentenceGraph graph, int s, IReadOnlyDictionary<string, double> salience)
    {
        var sentence = graph.Sentences[s];
        var entityWeight = Math.Min(1.0, graph.EntityIds(s).Sum(id => salience.GetValueOrDefault(id)));
        var position = 1.0 / (1 + 0.15 * sentence.Index);
        var score = graph.Centrality(s) + 0.4 * entityWeight + 0.4 * position;
        // "echoed this sentiment", "the roots of this relationship": it points back at text the reader will not see.
        return PointsBack(sentence) ? score * 0.8 : score;
    }

    private static readonly FrozenSet<string> Demonstratives = new[] { "this", "these", "those", "such" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Time words after a demonstrative anchor to the calendar, not to the previous sentence.</summary>
    private static readonly FrozenSet<string> TimeNouns = new[]
    {
        "year", "month", "week", "weekend", "morning", "afternoon", "evening", "night", "time", "season", "summer",
        "winter", "spring", "autumn", "fall", "day", "decade", "century", "quarter",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static bool PointsBack(StorySentence sentence)
    {
        string? previous = null;
        foreach (var word in Language.Words.Tokens(sentence.Article.Text, sentence.Span.Start, sentence.Span.Length))
        {
            if (previous is not null && Demonstratives.Contains(previous) && !TimeNouns.Contains(word)) return true;
            previous = word;
        }
        return false;
    }

    private static Dictionary<string, double> Salience(ResolvedEntities entities)
    {
        var max = Math.Max(1, entities.Entities.Count == 0 ? 1 : entities.Entities.Max(e => e.Mentions.Count));
        return entities.Entities.ToDictionary(e => e.Id, e => e.Mentions.Count / (double)max, StringComparer.Ordinal);
    }

    /// <summary>A sentence fit for a brief: a whole declarative statement that does not lean on its neighbours.</summary>
    private static bool StandsAlone(StorySentence sentence)
    {
        if (sentence.Words is < 8 or > 55) return false;
        var text = sentence.Article.Text;
        var span = sentence.Span;
        var first = text[span.Start];
        if (!char.IsUpper(first) && !char.IsDigit(first)) return false;
        var last = text[span.End - 1];
        if (last is '\u201D' or '"' or '\'' or '\u2019' or ')') last = span.Length > 1 ? text[span.End - 2] : last;
        if (last is not ('.' or '!')) return false;
        var end = span.Start;
        while (end < span.End && char.IsLetter(text[end])) end++;
        var opener = text[span.Start..end].ToLowerInvariant();
        return !ContextOpeners.Contains(opener);
    }
}
