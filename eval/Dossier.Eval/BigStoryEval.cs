using System.Diagnostics;
using System.Globalization;
using Dossier.Annotate;
using Dossier.Group;
using Dossier.Model;

namespace Dossier.Eval;

/// <summary>
/// `eval/run big-story`: does a story of thousands of articles stay one story? ECB+ has at most about 30 reports of an
/// event, so this makes more: each made-up report is a title and 5 to 9 sentences drawn at random from a pool of
/// sentences of one ECB+ event's real reports (by default 1_ecbplus, Lindsay Lohan's stay in rehab, 21 texts whose
/// sentences keep to the event; <c>--event</c> names another), a different mix for each, as many outlets retelling one
/// event are. The reports are clustered together with the 772
/// ECB+ texts of topics 1-35 (their gold events; the reports count as the pool's event, to which that event's own
/// texts belong too), by the offline clusterer with its defaults and with the join of large stories off
/// (<see cref="StoryClusterOptions.LargeStoryMinSize"/> 0), and by the online clusterer with and without its merges of
/// grown stories (<see cref="OnlineStoryOptions.LargeStoryMinSize"/>, <see cref="OnlineStoryOptions.GrownMergeThreshold"/>).
/// </summary>
public static class BigStoryEval
{
    private const string UsageText = "options: --sizes 3000,6000 (reports made, one run each) --pool 60 (sentences drawn from) --event 1_ecbplus --seed 2";

    public static int Run(string shared, string[] args)
    {
        var options = EvalOptions.Of(args);
        var sizes = (options.Value("--sizes") ?? "3000,6000").Split(',').Select(s => Parse(s, "--sizes")).ToArray();
        var poolSize = Parse(options.Value("--pool") ?? "60", "--pool");
        var seed = Parse(options.Value("--seed") ?? "2", "--seed");
        var poolEvent = options.Value("--event") ?? "1_ecbplus";
        options.RefuseUnknown(UsageText);

        var folder = Path.Combine(shared, "data", "ecbplus", "text");
        var gold = ClusterEval.ReadGold(folder);
        string EventOf(string id) => gold[id].Event;
        var articles = Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal).Select(ClusterEval.ReadArticle)
            .Where(a => gold.ContainsKey(a.Id)).ToList();

        var eventTexts = articles.Where(a => EventOf(a.Id) == poolEvent).ToList();
        if (eventTexts.Count == 0) throw new EvalUsageException($"no event {poolEvent} in gold.json");
        var sentences = Sentences(eventTexts);
        var pool = Draw(sentences, poolSize, seed);

        var annotator = ArticleAnnotator.CreateDefault(FixedClock.AtDay(new DateOnly(2026, 11, 22)));
        var real = articles.Select(annotator.Annotate).ToList();
        var c0 = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c0, $"pool: {pool.Count} sentences of event {poolEvent} ({sentences.Count} in its {eventTexts.Count} texts); with the {real.Count} ECB+ texts"));
        Console.WriteLine("reports  clusterer                 stories holding reports  largest share  B-cubed P     R    F1   cluster s");
        foreach (var size in sizes)
        {
            var reports = Reports(pool, size, seed).Select(annotator.Annotate).ToList();
            var all = real.Concat(reports).ToList();
            var truth = articles.Select(a => EventOf(a.Id)).Concat(Enumerable.Repeat(poolEvent, size)).ToArray();
            Score("offline", new StoryClusterer().Cluster);
            Score("offline, no large join", new StoryClusterer(new StoryClusterOptions { LargeStoryMinSize = 0 }).Cluster);
            Score("online", new OnlineStoryClusterer().Cluster);
            Score("online, no large merge", new OnlineStoryClusterer(new OnlineStoryOptions { LargeStoryMinSize = null }).Cluster);
            Score("online, no grown merge", new OnlineStoryClusterer(new OnlineStoryOptions { GrownMergeThreshold = null }).Cluster);
            Score("online, neither merge", new OnlineStoryClusterer(new OnlineStoryOptions { LargeStoryMinSize = null, GrownMergeThreshold = null }).Cluster);

            void Score(string name, Func<IReadOnlyList<AnnotatedArticle>, IReadOnlyList<IReadOnlyList<int>>> cluster)
            {
                var watch = Stopwatch.StartNew();
                var clusters = cluster(all);
                var seconds = watch.Elapsed.TotalSeconds;
                var label = new string[all.Count];
                for (var c = 0; c < clusters.Count; c++) foreach (var i in clusters[c]) label[i] = c.ToString(c0);
                var holding = clusters.Where(c => c.Any(i => i >= real.Count)).ToList();
                var largest = holding.Max(c => c.Count(i => i >= real.Count)) / (double)size;
                var (p, r) = ClusterEval.BCubed(label, truth);
                Console.WriteLine(string.Create(c0, $"{size,7}  {name,-24}  {holding.Count,23}  {largest,13:F3}  {p,9:F3} {r:F3} {ClusterEval.F1(p, r):F3}  {seconds,9:F1}"));
            }
        }
        return 0;
    }

    /// <summary>
    /// <paramref name="size"/> made-up reports: each a title (a pool sentence's first 8 words) and 5 to 9 pool sentences
    /// in random order; the same for a size and seed whatever other sizes run.
    /// </summary>
    public static IEnumerable<Article> Reports(IReadOnlyList<string> pool, int size, int seed)
    {
        var draw = new Random(seed * 1_000_003 + size);
        for (var i = 0; i < size; i++)
        {
            var body = string.Join(" ", pool.OrderBy(_ => draw.Next()).Take(draw.Next(5, 10)));
            var title = string.Join(" ", pool[draw.Next(pool.Count)].Split(' ').Take(8));
            yield return new Article($"report-{i:D5}", "eval", body, "") { Title = title };
        }
    }

    /// <summary>The pool: <paramref name="size"/> sentences drawn from the texts of one ECB+ event (6 words or more, no addresses).</summary>
    public static List<string> Pool(IEnumerable<Article> eventTexts, int size, int seed) => Draw(Sentences(eventTexts), size, seed);

    private static List<string> Draw(List<string> sentences, int size, int seed)
    {
        var random = new Random(seed);
        return [.. sentences.OrderBy(_ => random.Next()).Take(size)];
    }

    private static List<string> Sentences(IEnumerable<Article> texts) => [.. texts.SelectMany(a =>
        ArticleAnnotator.Split(a.Text).Sentences.Select(s => a.Text.Substring(s.Span.Start, s.Span.Length).Trim())
            .Where(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 6 && !s.Contains("://", StringComparison.Ordinal))).Distinct()];

    private static int Parse(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new EvalUsageException($"{option} expects a positive whole number, got '{text}'");
}
