using System.Diagnostics;
using System.Globalization;
using Dossier.Group;
using Dossier.Model;
using Dossier.Reconcile;

namespace Dossier.Eval;

/// <summary>
/// How well Dossier's claims align across articles, scored against the gold cross-document event chains of ECB+
/// (topics 1-35): every pair of passages that one claim joins from two documents, where both predicates are gold event
/// mentions, is right when the two mentions are in one gold chain. Beside it, the same count for the pairs that a
/// same-lemma rule joins among the same predicates (same story, same head lemma), so the two are read on one footing.
/// </summary>
public static class ClaimEval
{
    public static int Run(string shared, string[] args)
    {
        var verbose = args.Contains("--verbose");
        var noEvents = args.Contains("--no-events");
        if (args.FirstOrDefault(a => a is not ("--verbose" or "--no-events")) is { } unknown)
            throw new EvalUsageException($"unknown option {unknown}; options: --verbose --no-events (claims keyed by subject, predicate and object only, without the event model's joins)");
        var total = Stopwatch.StartNew();
        var corpus = EventCorefReader.ReadFolder(Path.Combine(shared, "data", "ecbplus", "xml"), t => t is >= 1 and <= 35);
        var annotator = Annotate.ArticleAnnotator.CreateDefault(FixedClock.AtDay(new DateOnly(2026, 11, 22)));
        var textFolder = Path.Combine(shared, "data", "ecbplus", "text");
        var articles = corpus.Documents.Select(d => annotator.Annotate(ClusterEval.ReadArticle(Path.Combine(textFolder, d.Name + ".txt")))).ToList();

        // Each gold mention's characters in the extracted text, found by walking the tokens through it in order.
        var mentionAt = new Dictionary<(string Article, int Position), EventMention>();
        int aligned = 0, tokens = 0;
        for (var d = 0; d < corpus.Documents.Count; d++)
        {
            var document = corpus.Documents[d];
            var offsets = Align(articles[d].Text, document, out var found);
            aligned += found;
            tokens += document.Tokens.Count;
            foreach (var m in document.Mentions)
                foreach (var id in m.TokenIds)
                    if (offsets.TryGetValue(id, out var span))
                        for (var p = span.Start; p < span.End; p++) mentionAt.TryAdd((articles[d].Id, p), m);
        }

        var watch = Stopwatch.StartNew();
        var stories = new StoryClusterer(new StoryClusterOptions()).Cluster(articles);
        var reconciler = new StoryReconciler(new ReconcileOptions { Claims = new ClaimOptions { AlignByEvents = !noEvents } });
        var claims = new List<StoryClaim>();
        var storyOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < stories.Count; s++)
        {
            var members = stories[s].Select(i => articles[i]).ToList();
            foreach (var a in members) storyOf[a.Id] = s;
            claims.AddRange(reconciler.Reconcile(new Story("s" + s.ToString(CultureInfo.InvariantCulture), members)).Report.Claims);
        }
        var reconcileTime = watch.Elapsed;

        // Pairs that claims join across documents, and the gold mentions their predicates are.
        var claimPairs = new HashSet<(string, string)>();
        var predicates = new Dictionary<string, EventMention>(StringComparer.Ordinal);
        var lemmaOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var multi = 0;
        foreach (var claim in claims)
        {
            var hits = claim.Sources
                .Where(src => src.Predicate is { } p && mentionAt.ContainsKey((src.Article, p.Start)))
                .Select(src => (src.Article, Mention: mentionAt[(src.Article, src.Predicate!.Value.Start)]))
                .DistinctBy(h => h.Mention.Key).ToList();
            if (claim.Sources.Select(x => x.Article).Distinct().Count() > 1) multi++;
            foreach (var h in hits)
            {
                predicates[h.Mention.Key] = h.Mention;
                lemmaOf[h.Mention.Key] = claim.Predicate;
            }
            for (var i = 0; i < hits.Count; i++)
                for (var j = i + 1; j < hits.Count; j++)
                    if (hits[i].Mention.Document != hits[j].Mention.Document) claimPairs.Add(Pair(hits[i].Mention.Key, hits[j].Mention.Key));
        }

        // The same-lemma rule over the same predicates: same story, same head lemma, two documents.
        var lemmaPairs = new HashSet<(string, string)>();
        var docStory = corpus.Documents.Select((doc, i) => (doc.Name, Story: storyOf[articles[i].Id])).ToDictionary(x => x.Name, x => x.Story, StringComparer.Ordinal);
        var list = predicates.Values.ToList();
        foreach (var group in list.GroupBy(m => (docStory[m.Document], EventCorefEval.Lemma(m))))
        {
            var g = group.ToList();
            for (var i = 0; i < g.Count; i++)
                for (var j = i + 1; j < g.Count; j++)
                    if (g[i].Document != g[j].Document) lemmaPairs.Add(Pair(g[i].Key, g[j].Key));
        }
        var goldPairs = new HashSet<(string, string)>();
        foreach (var chain in list.GroupBy(m => m.GoldChain, StringComparer.Ordinal))
        {
            var g = chain.ToList();
            for (var i = 0; i < g.Count; i++)
                for (var j = i + 1; j < g.Count; j++)
                    if (g[i].Document != g[j].Document) goldPairs.Add(Pair(g[i].Key, g[j].Key));
        }

        var c0 = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c0, $"ECB+ topics 1-35: {articles.Count} articles, {stories.Count} Dossier stories, {claims.Count} claims ({multi} stated by 2+ articles); gold tokens found in the extracted text: {aligned}/{tokens}"));
        Console.WriteLine("claims by status: " + string.Join(", ", claims.GroupBy(c => c.Status).OrderBy(g => g.Key)
            .Select(g => string.Create(c0, $"{Render.JsonRenderer.StatusName(g.Key)} {g.Count()}"))));
        Console.WriteLine(string.Create(c0, $"claim predicates that are gold event mentions: {predicates.Count} of {corpus.Mentions.Count()} gold mentions; cross-document gold pairs among them: {goldPairs.Count}"));
        Console.WriteLine("pairs across documents among those predicates    pairs   right  precision  recall     F1");
        Print("claims (subject, predicate, object, date, figure)", claimPairs, goldPairs);
        Print("same lemma in the same Dossier story (baseline)", lemmaPairs, goldPairs);
        Console.WriteLine(string.Create(c0, $"reconcile {reconcileTime.TotalSeconds:F1} s for {stories.Count} stories; total {total.Elapsed.TotalSeconds:F1} s"));
        if (verbose)
            foreach (var (a, b) in claimPairs.Where(p => !goldPairs.Contains(p)).Take(40))
                Console.WriteLine($"  wrong: {predicates[a].Text} ({a}) ~ {predicates[b].Text} ({b}) [{lemmaOf[a]}]");
        return 0;
    }

    private static void Print(string name, HashSet<(string, string)> response, HashSet<(string, string)> gold)
    {
        var right = response.Count(gold.Contains);
        var p = response.Count == 0 ? 0 : right / (double)response.Count;
        var r = gold.Count == 0 ? 0 : right / (double)gold.Count;
        var f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-48} {response.Count,7} {right,7} {p,10:F3} {r,7:F3} {f,6:F3}"));
    }

    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);

    /// <summary>
    /// Each token's span in the text: tokens are looked for in order, a short way ahead of the last one found, and a
    /// place counts only when the next token follows it there too (a lone "-" or "." matches anywhere).
    /// </summary>
    private static Dictionary<int, TextSpan> Align(string text, EventDocument document, out int found)
    {
        var result = new Dictionary<int, TextSpan>();
        var list = document.Tokens.OrderBy(t => t.Key).Select(t => (Id: t.Key, Text: t.Value.Text)).ToList();
        var position = 0;
        found = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var token = list[i].Text;
            if (token.Length == 0) continue;
            var limit = Math.Min(text.Length, position + token.Length + 300);
            for (var at = text.IndexOf(token, position, limit - position, StringComparison.Ordinal); at >= 0;
                 at = at + 1 < limit ? text.IndexOf(token, at + 1, limit - at - 1, StringComparison.Ordinal) : -1)
            {
                var end = at + token.Length;
                if (i + 1 < list.Count)
                {
                    var next = end;
                    while (next < text.Length && next < end + 3 && char.IsWhiteSpace(text[next])) next++;
                    if (!text.AsSpan(next).StartsWith(list[i + 1].Text, StringComparison.Ordinal)) continue;
                }
                result[list[i].Id] = new TextSpan(at, token.Length);
                position = end;
                found++;
                break;
            }
        }
        return result;
    }
}
