using System.Diagnostics;
using System.Globalization;
using Dossier;
using Dossier.Annotate;
using Dossier.Eval;
using Dossier.Eval.Scale;
using Dossier.Group;
using Dossier.Model;

// Streams N generated articles in order of arrival through near-duplicate detection and online story clustering, one
// article at a time, timing those apart from generation. Usage: dossier-bench-scale N [--window days|none] [--settle x] [--split off] [--split-cut x] [--split-min n] [--offline]
// With --offline it clusters the N articles as one batch instead: the offline clusterer without and with the story
// split, then the online clusterer over the batch without and with lone articles settling.
// With --jsonl FILE it only writes the N generated articles as JSON Lines (title, text, published, url), the input
// bench/store.sh ingests.
var c0 = CultureInfo.InvariantCulture;
if (args.Length < 1 || !int.TryParse(args[0], c0, out var count))
{
    Console.Error.WriteLine("usage: dossier-bench-scale N [--window days|none (none: stories close only by --quiet, as in a store; near-duplicates still within 7 days)] [--quiet articles|none (a story no article joined while more than that many arrived closes; 100,000 by default; none: never)] [--settle x (0: lone articles never settle)] [--split off (the online clusterer does not split stories)] [--split-cut x] [--split-min n] [--offline] [--progress] [--jsonl FILE]");
    return 2;
}
int? window = 7;
double? settle = new OnlineStoryOptions().LoneArticleThreshold;
var splitNeighbours = new OnlineStoryOptions().SplitNeighbours;
var online = new OnlineStoryOptions();
var progress = args.Contains("--progress");
for (var i = 1; i + 1 < args.Length; i++)
{
    if (args[i] == "--window") window = args[i + 1] == "none" ? null : int.Parse(args[i + 1], c0);
    if (args[i] == "--settle") settle = double.Parse(args[i + 1], c0) is var x && x > 0 ? x : null;
    if (args[i] == "--split") splitNeighbours = args[i + 1] == "off" ? 0 : int.Parse(args[i + 1], c0);
    if (args[i] == "--split-cut") online = online with { SplitMaxCut = double.Parse(args[i + 1], c0) };
    if (args[i] == "--quiet") online = online with { QuietArticles = args[i + 1] == "none" ? null : int.Parse(args[i + 1], c0) };
    if (args[i] == "--split-min") online = online with { SplitMinPart = int.Parse(args[i + 1], c0) };
}
online = online with { SplitNeighbours = splitNeighbours };

var jsonl = Array.IndexOf(args, "--jsonl") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
var setup = Stopwatch.StartNew();
var annotator = ArticleAnnotator.CreateDefault(FixedClock.AtDay(new DateOnly(2026, 11, 22)));
var templates = ScaleCorpus.LoadTemplates(SharedData.Locate(), annotator.Annotate);
var corpus = new ScaleCorpus(templates, new ScaleCorpusOptions());
var plan = corpus.Plan(count);
setup.Stop();
if (jsonl is not null)
{
    using var output = new StreamWriter(jsonl, false, new System.Text.UTF8Encoding(false));
    foreach (var planned in plan)
    {
        var article = corpus.Generate(planned).Annotated.Article;
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
        {
            url = $"https://news{planned.Story % 50}.example/{article.Id}",
            title = article.Title,
            text = article.Text,
            published = article.Published?.Date.ToString("yyyy-MM-dd", c0),
        }));
    }
    Console.Error.WriteLine($"wrote {plan.Length} articles to {jsonl}");
    return 0;
}

if (args.Contains("--offline"))
{
    // The batch clusterer that `analyze` uses, over the whole generated batch at once, without and with the story
    // split: time and B-cubed F1 against the generated stories.
    var batch = new List<AnnotatedArticle>(plan.Length);
    var stories = new int[plan.Length];
    foreach (var planned in plan)
    {
        var generated = corpus.Generate(planned);
        stories[batch.Count] = generated.Story;
        batch.Add(generated.Annotated);
    }
    // Then the online clusterer over the same batch (`--clustering online`), with and without settling lone articles.
    var variants = new (string Name, IStoryClusterer Clusterer)[]
    {
        ("offline without the split, cut 0.27", new StoryClusterer(new StoryClusterOptions { Threshold = 0.27, SplitNeighbours = 0 })),
        ("offline split without the names check", new StoryClusterer(new StoryClusterOptions { SplitNeedsNames = false })),
        ("offline default (cut 0.25, split)", new StoryClusterer(new StoryClusterOptions())),
        ("online batch, lone articles never settle", new OnlineStoryClusterer(online with { LoneArticleThreshold = null })),
        ("online batch without the split", new OnlineStoryClusterer(online with { SplitNeighbours = 0 })),
        ("online batch (lone articles settle at the end)", new OnlineStoryClusterer(online)),
    };
    foreach (var (name, clusterer) in variants)
    {
        var watch = Stopwatch.StartNew();
        var clusters = clusterer.Cluster(batch);
        watch.Stop();
        var labels = new int[batch.Count];
        for (var c = 0; c < clusters.Count; c++)
            foreach (var i in clusters[c]) labels[i] = c;
        var (p, r) = BCubed(labels, stories);
        Console.WriteLine(string.Create(c0, $"{name}: articles {count} clusters {clusters.Count} stories {corpus.Stories.Count} time {watch.Elapsed.TotalSeconds:F2} s B-cubed P {p:F3} R {r:F3} F1 {2 * p * r / (p + r):F3}"));
    }
    return 0;
}

var duplicates = new NearDuplicateDetector(new NearDuplicateOptions { WindowDays = window ?? 7 }).Start();
var stream = new OnlineStoryClusterer(online with { WindowDays = window, LoneArticleThreshold = settle }).Start();
var storyOf = new int[count];
var truth = new int[count];
var generation = new Stopwatch();
var dedup = new Stopwatch();
var clustering = new Stopwatch();
var links = 0;
var copies = 0;
long copiesFound = 0;

for (var i = 0; i < plan.Length; i++)
{
    generation.Start();
    var generated = corpus.Generate(plan[i]);
    generation.Stop();
    truth[i] = generated.Story;
    if (generated.Copy) copies++;
    clustering.Start();
    storyOf[i] = stream.Add(generated.Annotated);
    clustering.Stop();
    dedup.Start();
    var link = duplicates.Add(generated.Annotated.Article);
    dedup.Stop();
    if (link is not null) { links++; if (generated.Copy) copiesFound++; }
    if (progress && (i + 1) % 10_000 == 0)
        Console.Error.WriteLine(string.Create(c0, $"{i + 1}: dedup {dedup.Elapsed.TotalSeconds:F1} s clustering {clustering.Elapsed.TotalSeconds:F1} s stories {stream.StoryCount} kept for dedup {duplicates.Count} heap {GC.GetTotalMemory(false) >> 20} MB gen2 {GC.CollectionCount(2)} GC pauses {GC.GetTotalPauseDuration().TotalSeconds:F1} s comparisons {stream.Comparisons}"));
}

// Each article's story now, after the merges and splits that came after it.
for (var i = 0; i < count; i++) storyOf[i] = stream.StoryOf(i);
var (precision, recall) = BCubed(storyOf, truth);
var work = dedup.Elapsed + clustering.Elapsed;
using var process = Process.GetCurrentProcess();
Console.WriteLine(string.Create(c0, $"articles {count}  stories {corpus.Stories.Count}  templates {templates.Count}  days {plan[^1].Day + 1}  window {window?.ToString(c0) ?? "none"}  quiet {online.QuietArticles?.ToString(c0) ?? "none"}  dedup window {window ?? 7} days"));
Console.WriteLine(string.Create(c0, $"setup {setup.Elapsed.TotalSeconds:F1} s (annotate {templates.Sum(t => t.Articles.Count)} base texts, plan)  generation {generation.Elapsed.TotalSeconds:F1} s"));
Console.WriteLine(string.Create(c0, $"dedup {dedup.Elapsed.TotalSeconds:F1} s  clustering {clustering.Elapsed.TotalSeconds:F1} s  articles/s (dedup+clustering) {count / work.TotalSeconds:F0}"));
Console.WriteLine(string.Create(c0, $"comparisons per article {(double)stream.Comparisons / count:F1}"));
Console.WriteLine(string.Create(c0, $"copies planned {copies}  links found {links}  planned copies linked {copiesFound}  clusters {stream.StoryCount}"));
// A digest of every article's story number: equal digests mean the same decisions, whatever the speed.
var digest = storyOf.Aggregate(17L, (h, s) => unchecked(h * 31 + s));
Console.WriteLine(string.Create(c0, $"assignments digest {digest:X16}"));
Console.WriteLine(string.Create(c0, $"B-cubed P {precision:F3} R {recall:F3} F1 {2 * precision * recall / (precision + recall):F3}"));
Console.WriteLine(string.Create(c0, $"RESULT n={count} rate={count / work.TotalSeconds:F0} dedup_s={dedup.Elapsed.TotalSeconds:F1} cluster_s={clustering.Elapsed.TotalSeconds:F1} gen_s={generation.Elapsed.TotalSeconds:F1} setup_s={setup.Elapsed.TotalSeconds:F1} f1={2 * precision * recall / (precision + recall):F3} stories={corpus.Stories.Count} clusters={stream.StoryCount}"));
return 0;

// B-cubed over integer labels: mean share of an article's cluster that is its story, and of its story that is its cluster.
static (double Precision, double Recall) BCubed(int[] predicted, int[] truth)
{
    var joint = new Dictionary<long, int>();
    var clusterSize = new Dictionary<int, int>();
    var storySize = new Dictionary<int, int>();
    for (var i = 0; i < predicted.Length; i++)
    {
        var key = ((long)predicted[i] << 32) | (uint)truth[i];
        joint[key] = joint.GetValueOrDefault(key) + 1;
        clusterSize[predicted[i]] = clusterSize.GetValueOrDefault(predicted[i]) + 1;
        storySize[truth[i]] = storySize.GetValueOrDefault(truth[i]) + 1;
    }
    double p = 0, r = 0;
    for (var i = 0; i < predicted.Length; i++)
    {
        double both = joint[((long)predicted[i] << 32) | (uint)truth[i]];
        p += both / clusterSize[predicted[i]];
        r += both / storySize[truth[i]];
    }
    return (p / predicted.Length, r / predicted.Length);
}
