using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dossier.Group;
using Dossier.Model;

namespace Dossier.Eval;

/// <summary>
/// Story clustering on ECB+ topics 1-35: all 772 articles clustered at once (or each ten topics alone with `--batches
/// 10`, as a held-out set of ten topics is), scored against the gold events (each topic holds two real events of the
/// same kind) with B-cubed and pairwise precision, recall and F1.
/// </summary>
public static class ClusterEval
{
    /// <summary>Scores the product's own path: the articles extracted and annotated exactly as `analyze` does.</summary>
    public static int Run(string shared, string[] args)
    {
        var textOnly = args.Contains("--text-only");
        var annotator = Annotate.ArticleAnnotator.CreateDefault(FixedClock.AtDay(new DateOnly(2026, 11, 22)));
        return Run(shared, args.Where(a => a != "--text-only").ToArray(), textOnly ? WithEmptyLayers : annotator.Annotate);
    }

    /// <summary>
    /// Runs with the given annotation. Once the annotators are merged, pass the real one instead of
    /// <see cref="WithEmptyLayers"/>: <c>ArticleAnnotator.CreateDefault(clock).Annotate</c> (it also fills in dates
    /// found in the text, which the clusterer uses).
    /// </summary>
    public static int Run(string shared, string[] args, Func<Article, AnnotatedArticle> annotate)
    {
        var options = new StoryClusterOptions();
        var online = new OnlineStoryOptions();
        var verbose = false;
        var verboseOnline = false;
        var fit = false;
        var fitSplit = false;
        var graph = false;
        var peer = false;
        var peerRestarts = 10;
        var draws = 0;
        var drawSize = 10;
        var batchTopics = 0;
        var listTopics = new HashSet<int>();
        var onlyTopics = new HashSet<int>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--threshold": options = options with { Threshold = Number() }; break;
                case "--candidate-terms": options = options with { CandidateTerms = (int)Number() }; break;
                case "--max-df": options = options with { MaxCandidateDocumentFrequency = (int)Number() }; break;
                case "--title-weight": options = options with { TitleWeight = Number() }; break;
                case "--lone": options = options with { LoneArticleThreshold = Number() is var v && v > 0 ? v : null }; break;
                case "--name-weight": options = options with { NameWeight = Number() }; break;
                case "--entity-weight": options = options with { EntityWeight = Number() }; break;
                case "--date-bonus": options = options with { DateBonus = Number() }; break;
                case "--date-penalty": options = options with { DatePenalty = Number() }; break;
                case "--date-gap": options = options with { DateGapDays = (int)Number() }; break;
                case "--min-edge": options = options with { MinEdgeSimilarity = Number() }; break;
                case "--date-people": options = options with { DatePenaltySparedAtPeople = Number() }; break;
                case "--split-neighbours": options = options with { SplitNeighbours = (int)Number() }; break;
                case "--split-cut": options = options with { SplitMaxCut = Number() }; break;
                case "--split-min": options = options with { SplitMinPart = (int)Number() }; break;
                case "--online-threshold": online = online with { Threshold = Number() }; break;
                case "--participant-weight": online = online with { ParticipantWeight = Number() }; break;
                case "--place-weight": online = online with { PlaceWeight = Number() }; break;
                case "--online-date-bonus": online = online with { DateBonus = Number() }; break;
                case "--window": online = online with { WindowDays = Number() is var w && w > 0 ? (int)w : null }; break;
                case "--fit": fit = true; break;
                case "--fit-split": fitSplit = true; break;
                case "--graph": graph = true; break;
                case "--draws": draws = (int)Number(); break;
                case "--peer": peer = true; break;
                case "--peer-restarts": peerRestarts = (int)Number(); break;
                case "--draw-size": drawSize = (int)Number(); break;
                case "--batches": batchTopics = (int)Number(); break;
                case "--merge": online = online with { MergeThreshold = Number() is var mg && mg > 0 ? mg : null }; break;
                case "--settle": online = online with { LoneArticleThreshold = Number() is var st && st > 0 ? st : null }; break;
                case "--settle-margin": online = online with { LoneArticleMargin = Number() }; break;
                case "--merge-max": online = online with { MergeMaxSize = (int)Number() }; break;
                case "--online-candidate-terms": online = online with { CandidateTerms = (int)Number() }; break;
                case "--online-date-penalty": online = online with { DatePenalty = Number() }; break;
                case "--online-date-gap": online = online with { DateGapDays = (int)Number() }; break;
                case "--rarity-so-far": online = online with { LearnRarityFromBatch = false }; break;
                case "--verbose": verbose = true; break;
                case "--verbose-online": verbose = true; verboseOnline = true; break;
                case "--members":
                    verbose = true;
                    listTopics.UnionWith(Next().Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)));
                    break;
                case "--background": options = options with { Background = Frequencies(Next()) }; break;
                case "--split-spare-days": options = options with { SplitSparedWithinDays = DaysOrOff(Next()) }; break;
                case "--online-background": online = online with { Background = Frequencies(Next()) }; break;
                case "--online-split-neighbours": online = online with { SplitNeighbours = (int)Number() }; break;
                case "--online-split-cut": online = online with { SplitMaxCut = Number() }; break;
                case "--online-split-max": online = online with { SplitMaxSize = (int)Number() }; break;
                case "--online-split-memory": online = online with { SplitMemory = (int)Number() }; break;
                case "--online-split-spare-days": online = online with { SplitSparedWithinDays = DaysOrOff(Next()) }; break;
                case "--topics":
                    foreach (var range in Next().Split(','))
                    {
                        var ends = range.Split('-').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
                        for (var t = ends[0]; t <= ends[^1]; t++) onlyTopics.Add(t);
                    }
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; options: --topics 1-10,20 (only these topics, clustered as one batch) --background none|default|FILE (background document frequencies of the offline clusterer) --online-background none|default|FILE (the same for the online one) --batches n (cluster each n consecutive topics alone, as a held-out set would be; also in --fit-split, not in --fit, which clusters each half alone) --threshold x --candidate-terms k --max-df n --lone x (0: off) --title-weight x --name-weight x --entity-weight x --date-bonus x --date-penalty x --date-gap days --date-people x (0: full date penalty always) --min-edge x (0: every candidate pair) --split-neighbours k (0: no split) --split-cut x --split-min n --split-spare-days n|off (a split is not made between parts dated within n days of each other); online: --online-threshold x --participant-weight x --place-weight x --online-date-bonus x --window days (0: never close) --merge x (0: never) --merge-max n --settle x (0: lone articles stay alone) --settle-margin x --online-split-neighbours k (0: no split) --online-split-cut x --online-split-max n --online-split-memory articles --online-split-spare-days n|off; --fit (grid search of the online clusterer, cross-validated by odd/even topics) --fit-split (the same for the offline threshold and split) --graph (how the offline similarity graph ranks same-event articles) --draws n [--draw-size 10] (the offline clusterer on n sets of that many topics drawn at random, each clustered alone: the spread of B-cubed F1 a held-out set of that size could show) --peer (also the peer, K-means over TF-IDF as Barhom et al. 2019 cluster documents, with k the gold number of events and with k by silhouette; in --draws too; --peer-restarts n, 10 by default, the K-means restarts with k given, the best kept; the silhouette search runs 3 at each k) --verbose (each cluster's events) --verbose-online (the same for the online clusterer) --members 9,10 (with --verbose, also the articles of clusters holding these topics: id, date, title)");
                    return 2;
            }
        }

        var folder = Path.Combine(shared, "data", "ecbplus", "text");
        var gold = ReadGold(folder);
        var articles = Directory.GetFiles(folder, "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(ReadArticle)
            .Where(a => gold.TryGetValue(a.Id, out var g) && (onlyTopics.Count == 0 || onlyTopics.Contains(int.Parse(g.Topic, CultureInfo.InvariantCulture))))
            .ToList();

        var annotated = articles.Select(annotate).ToList();
        var detector = new NearDuplicateDetector();
        var clusterer = new StoryClusterer(options);

        // First run includes JIT; the best of five later runs is the steady state a long pipeline sees.
        var cold = Stopwatch.StartNew();
        var duplicates = detector.Find(articles);
        var topicOf = articles.Select(a => int.Parse(gold[a.Id].Topic, CultureInfo.InvariantCulture)).ToArray();
        var clusters = InBatches(clusterer.Cluster, annotated, topicOf, batchTopics);
        cold.Stop();
        // Wall time and process CPU time: on a shared, loaded machine the CPU time is the fairer figure.
        var dedupTime = TimeSpan.MaxValue;
        var clusterTime = TimeSpan.MaxValue;
        var cpuTime = TimeSpan.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var run = 0; run < 5; run++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            detector.Find(articles);
            var found = watch.Elapsed;
            InBatches(clusterer.Cluster, annotated, topicOf, batchTopics);
            var elapsed = watch.Elapsed;
            process.Refresh();
            if (process.TotalProcessorTime - cpuBefore < cpuTime) cpuTime = process.TotalProcessorTime - cpuBefore;
            if (found < dedupTime) dedupTime = found;
            if (elapsed - found < clusterTime) clusterTime = elapsed - found;
        }

        var truth = articles.Select(a => gold[a.Id].Event).ToArray();
        var onlineClusterer = new OnlineStoryClusterer(online);
        var onlineWatch = Stopwatch.StartNew();
        var onlineClusters = InBatches(onlineClusterer.Cluster, annotated, topicOf, batchTopics);
        var onlineTime = onlineWatch.Elapsed;
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            InBatches(onlineClusterer.Cluster, annotated, topicOf, batchTopics);
            if (watch.Elapsed < onlineTime) onlineTime = watch.Elapsed;
        }

        // As a store groups them: the stream fed the articles in the order `dossier ingest` of the folder stores them
        // (by file name), word rarity from the articles seen so far (and the background table), nothing settled at the end.
        var liveClusters = InBatches(batch =>
        {
            var stream = onlineClusterer.Start();
            var order = Enumerable.Range(0, batch.Count).OrderBy(i => batch[i].Article.Id, StringComparer.Ordinal).ToArray();
            foreach (var i in order) stream.Add(batch[i]);
            var storyOf = new int[batch.Count];
            for (var k = 0; k < order.Length; k++) storyOf[order[k]] = stream.StoryOf(k);
            return BatchOrder.Clusters(storyOf);
        }, annotated, topicOf, batchTopics);

        var topics = articles.Select(a => gold[a.Id].Topic).Distinct().Count();
        // The topics read, as ranges: the same command scores a held-out set (topics 36-45) put in the folder's place.
        var read = TopicRanges(topicOf);
        var development = topicOf.All(t => t <= 35);
        var c0 = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c0, $"ECB+ topics {read}: {articles.Count} articles, {topics} topics, {truth.Distinct().Count()} gold events, {annotated.Count(a => a.Article.Published is { Precision: DatePrecision.Day })} dated to the day"));
        Console.WriteLine(string.Create(c0, $"offline options: threshold {options.Threshold}, candidate terms {options.CandidateTerms}, title weight {options.TitleWeight}, name weight {options.NameWeight}, entity weight {options.EntityWeight}, lone article {options.LoneArticleThreshold?.ToString(CultureInfo.InvariantCulture) ?? "off"}"));
        Console.WriteLine(string.Create(c0, $"online options: threshold {online.Threshold}, participant weight {online.ParticipantWeight}, place weight {online.PlaceWeight}, date bonus {online.DateBonus}, date penalty {online.DatePenalty} beyond {online.DateGapDays} days, window {online.WindowDays?.ToString(CultureInfo.InvariantCulture) ?? "none"} days, merge a lone article at {online.MergeThreshold?.ToString(CultureInfo.InvariantCulture) ?? "never"}"));
        Console.WriteLine("clusterer  clusters  B-cubed P     R    F1   pairwise P     R    F1");
        Report("offline", clusters);
        Report("online", onlineClusters);
        Report("live", liveClusters);
        if (peer)
        {
            var batches = Batches(topicOf, batchTopics);
            var peers = batches.Select(m => PeerLabels(annotated, truth, m, peerRestarts)).ToList();
            Report("kmeans-gold", [.. batches.SelectMany((m, b) => Groups(m, peers[b].Gold))]);
            Report("kmeans-sil", [.. batches.SelectMany((m, b) => Groups(m, peers[b].Silhouette))]);
            Console.WriteLine(string.Create(c0, $"peer: K-means over TF-IDF (the document clustering of Barhom et al. 2019, written here); k by silhouette chose {string.Join(", ", peers.Select(p => p.ChosenK))} where the gold events are {string.Join(", ", batches.Select(m => m.Select(i => truth[i]).Distinct().Count()))}"));
        }
        Console.WriteLine(string.Create(c0, $"near-duplicate links: {duplicates.Count}"));
        Console.WriteLine(string.Create(c0, $"time: first run {cold.Elapsed.TotalMilliseconds:F0} ms (with JIT); best of 5: dedup {dedupTime.TotalMilliseconds:F0} ms + cluster {clusterTime.TotalMilliseconds:F0} ms wall, both {cpuTime.TotalMilliseconds:F0} ms CPU; online cluster {onlineTime.TotalMilliseconds:F0} ms wall"));
        Console.WriteLine($"reference: B-cubed F1 0.968 (Barhom et al. 2019, held-out topics 36-45; ours is topics {read}{(development ? ", a development figure" : "")})");
        if (fit) Fit(annotated, truth, topicOf, online);
        if (fitSplit) FitSplit(annotated, truth, topicOf, options, batchTopics);
        if (graph) DescribeGraph(annotated, truth, topicOf, options);
        if (draws > 0) Draws(annotated, truth, topicOf, clusterer, draws, drawSize, peer, peerRestarts);

        void Report(string name, IReadOnlyList<IReadOnlyList<int>> found)
        {
            var predicted = Labels(found, articles.Count);
            var (bp, br) = BCubed(predicted, truth);
            var (pp, pr) = Pairwise(predicted, truth);
            Console.WriteLine(string.Create(c0, $"{name,-11} {found.Count,7}  {bp,9:F3} {br:F3} {F1(bp, br):F3}  {pp,10:F3} {pr:F3} {F1(pp, pr):F3}"));
        }
        var clusters0 = verboseOnline ? onlineClusters : clusters;
        if (verbose)
        {
            foreach (var link in duplicates)
                Console.WriteLine(string.Create(c0, $"  duplicate {link.ArticleId} -> {link.OriginalId} ({link.Similarity:F2})"));
            foreach (var cluster in clusters0)
            {
                var events = cluster.GroupBy(i => truth[i]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => $"{g.Key}×{g.Count()}");
                Console.WriteLine($"  [{cluster.Count}] {string.Join(' ', events)}");
                if (cluster.Any(i => listTopics.Contains(topicOf[i])))
                    foreach (var i in cluster)
                        Console.WriteLine($"      {articles[i].Id,-14} {annotated[i].Article.Published?.Date.ToString("yyyy-MM-dd", c0) ?? "-",-10} | {articles[i].Title ?? articles[i].Text[..Math.Min(80, articles[i].Text.Length)].ReplaceLineEndings(" ")}");
            }
        }
        return 0;
    }

    /// <summary>
    /// Clusters the articles as one batch (<paramref name="batchTopics"/> 0), or in batches of that many consecutive
    /// topics each clustered alone, as a held-out set of ten topics would be; the clusters of all batches together.
    /// </summary>
    private static IReadOnlyList<IReadOnlyList<int>> InBatches(
        Func<IReadOnlyList<AnnotatedArticle>, IReadOnlyList<IReadOnlyList<int>>> cluster, List<AnnotatedArticle> annotated, int[] topicOf, int batchTopics)
    {
        if (batchTopics <= 0) return cluster(annotated);
        var result = new List<IReadOnlyList<int>>();
        foreach (var members in Batches(topicOf, batchTopics))
        {
            foreach (var found in cluster([.. members.Select(i => annotated[i])]))
                result.Add([.. found.Select(k => members[k])]);
        }
        return result;
    }

    /// <summary>
    /// The offline clusterer on <paramref name="draws"/> sets of <paramref name="size"/> topics drawn at random (without
    /// replacement within a set; seeds 1 to n, so the draws repeat), each clustered as a batch of its own as a held-out
    /// set is: the spread of B-cubed F1 over sets of that size. The topics are those the settings were chosen on, so
    /// this shows how much a ten-topic figure moves with the topics drawn, not what held-out topics would score.
    /// </summary>
    private static void Draws(List<AnnotatedArticle> annotated, string[] truth, int[] topicOf, StoryClusterer clusterer, int draws, int size, bool peer, int peerRestarts)
    {
        var scores = new double[draws];
        var peerGold = new double[peer ? draws : 0];
        var peerSilhouette = new double[peer ? draws : 0];
        for (var d = 0; d < draws; d++)
        {
            var members = MembersOf(topicOf, DrawTopics(topicOf, size, d + 1).Contains);
            string[] expected = [.. members.Select(i => truth[i])];
            var found = clusterer.Cluster([.. members.Select(i => annotated[i])]);
            scores[d] = F1(BCubed(Labels(found, members.Length), expected));
            if (!peer) continue;
            var (gold, silhouette, _) = PeerLabels(annotated, truth, members, peerRestarts);
            peerGold[d] = F1(BCubed([.. gold.Select(l => l.ToString(CultureInfo.InvariantCulture))], expected));
            peerSilhouette[d] = F1(BCubed([.. silhouette.Select(l => l.ToString(CultureInfo.InvariantCulture))], expected));
        }
        var c0 = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c0, $"draws: {draws} sets of {size} topics, each clustered alone; offline B-cubed F1 {Spread(scores)}"));
        if (!peer) return;
        Console.WriteLine(string.Create(c0, $"draws, peer k-means with k = gold events: {Spread(peerGold)}; ours higher in {Enumerable.Range(0, draws).Count(d => scores[d] > peerGold[d])}, equal in {Enumerable.Range(0, draws).Count(d => scores[d] == peerGold[d])}"));
        Console.WriteLine(string.Create(c0, $"draws, peer k-means with k by silhouette: {Spread(peerSilhouette)}; ours higher in {Enumerable.Range(0, draws).Count(d => scores[d] > peerSilhouette[d])}, equal in {Enumerable.Range(0, draws).Count(d => scores[d] == peerSilhouette[d])}"));

        static string Spread(double[] scores)
        {
            var sorted = scores.Order().ToArray();
            double At(double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
            return string.Create(CultureInfo.InvariantCulture, $"median {At(0.5):F3}, mean {scores.Average():F3}, 10th percentile {At(0.1):F3}, 90th {At(0.9):F3}, lowest {sorted[0]:F3}, highest {sorted[^1]:F3}; at least 0.968 in {scores.Count(f => f >= 0.968)} ({100.0 * scores.Count(f => f >= 0.968) / scores.Length:F0}%), at least 0.97 in {scores.Count(f => f >= 0.97)}");
        }
    }

    /// <summary>The articles of each batch of <paramref name="batchTopics"/> consecutive topics (0: one batch of all).</summary>
    private static List<int[]> Batches(int[] topicOf, int batchTopics) => batchTopics <= 0
        ? [MembersOf(topicOf, _ => true)]
        : [.. topicOf.Distinct().Order().Chunk(batchTopics).Select(topics => MembersOf(topicOf, topics.Contains))];

    /// <summary>
    /// The peer on the articles <paramref name="members"/> (indexes into <paramref name="annotated"/>), clustered as a
    /// batch of their own, from one set of vectors: a label for each member with k the gold number of events among
    /// them, and with k chosen by silhouette from 2 to a quarter of the articles (that k too).
    /// </summary>
    private static (int[] Gold, int[] Silhouette, int ChosenK) PeerLabels(List<AnnotatedArticle> annotated, string[] truth, int[] members, int restarts)
    {
        var vectors = KMeansPeer.Vectors([.. members.Select(i => annotated[i].Article.Title is { } title ? title + "\n" + annotated[i].Article.Text : annotated[i].Article.Text)]);
        var gold = KMeansPeer.Cluster(vectors, members.Select(i => truth[i]).Distinct().Count(), restarts);
        var (silhouette, k) = KMeansPeer.ClusterBySilhouette(vectors, 2, Math.Max(2, members.Length / 4));
        return (gold, silhouette, k);
    }

    /// <summary>The members grouped by their labels: clusters of indexes into all articles.</summary>
    private static IEnumerable<IReadOnlyList<int>> Groups(int[] members, int[] labels) =>
        Enumerable.Range(0, members.Length).GroupBy(j => labels[j]).Select(g => (IReadOnlyList<int>)[.. g.Select(j => members[j])]);

    /// <summary>The indexes of the articles whose topic <paramref name="inSet"/> accepts, ascending.</summary>
    private static int[] MembersOf(int[] topicOf, Func<int, bool> inSet) =>
        [.. Enumerable.Range(0, topicOf.Length).Where(i => inSet(topicOf[i]))];

    /// <summary><paramref name="size"/> distinct topics of <paramref name="topics"/>, drawn at random; the same for the same seed.</summary>
    public static IReadOnlySet<int> DrawTopics(IReadOnlyList<int> topics, int size, int seed)
    {
        var distinct = topics.Distinct().Order().ToArray();
        if (size <= 0 || size > distinct.Length) throw new ArgumentException($"--draw-size must be 1 to {distinct.Length}");
        var random = new Random(seed);
        // A partial Fisher-Yates shuffle: the first `size` places are a uniform draw without replacement.
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, distinct.Length);
            (distinct[i], distinct[j]) = (distinct[j], distinct[i]);
        }
        return distinct.Take(size).ToHashSet();
    }

    /// <summary>Topic numbers as ascending ranges: "1-35", "1-10,20".</summary>
    public static string TopicRanges(IEnumerable<int> topics)
    {
        var sorted = topics.Distinct().Order().ToList();
        var ranges = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            ranges.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }
        return ranges.Count == 0 ? "none" : string.Join(",", ranges);
    }

    /// <summary>A number of days, or null for "off".</summary>
    private static int? DaysOrOff(string value) => value == "off" ? null : int.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>The background table a --background option names: none, the default, or a file.</summary>
    private static Group.DocumentFrequencies? Frequencies(string value)
    {
        if (value == "none") return null;
        if (value == "default") return Group.DocumentFrequencies.Default;
        using var reader = new StreamReader(value);
        return Group.DocumentFrequencies.Read(reader);
    }

    private static string[] Labels(IReadOnlyList<IReadOnlyList<int>> clusters, int n)
    {
        var predicted = new string[n];
        for (var c = 0; c < clusters.Count; c++)
            foreach (var i in clusters[c]) predicted[i] = c.ToString(CultureInfo.InvariantCulture);
        return predicted;
    }

    /// <summary>
    /// Grid search of the online clusterer's threshold and weights by B-cubed F1, with two-fold cross-validation:
    /// fitted on odd topics and scored on even ones, and the reverse; the two held-out clusterings pooled give the
    /// cross-validated figure beside the one fitted and scored on all topics.
    /// </summary>
    private static void Fit(List<AnnotatedArticle> annotated, string[] truth, int[] topicOf, OnlineStoryOptions start)
    {
        var grid = new List<OnlineStoryOptions>();
        foreach (var merge in new double?[] { null, 0.4 })
        foreach (var window in new int?[] { null, 30, 365 })
            foreach (var participant in new[] { 0.0, 0.15, 0.3 })
                foreach (var place in new[] { 0.0, 0.1 })
                    foreach (var bonus in new[] { 0.0, 0.1 })
                        foreach (var penalty in new[] { 0.0, 0.2 })
                            foreach (var threshold in new[] { 0.2, 0.25, 0.3, 0.35, 0.4, 0.45 })
                                grid.Add(start with { MergeThreshold = merge, Threshold = threshold, ParticipantWeight = participant, PlaceWeight = place, DateBonus = bonus, DatePenalty = penalty, WindowDays = window });
        var (odd, even, all) = Halves(topicOf);

        string[] Predict(OnlineStoryOptions o, int[] subset, string prefix)
        {
            var clusters = new OnlineStoryClusterer(o).Cluster(subset.Select(i => annotated[i]).ToList());
            var labels = Labels(clusters, subset.Length);
            return labels.Select(l => prefix + l).ToArray();
        }
        double Score(OnlineStoryOptions o, int[] subset) =>
            F1(BCubed(Predict(o, subset, ""), subset.Select(i => truth[i]).ToArray()));
        OnlineStoryOptions Best(int[] subset) =>
            grid.Select(o => (o, f: Score(o, subset))).OrderByDescending(p => p.f).First().o;

        var c0 = CultureInfo.InvariantCulture;
        string Describe(OnlineStoryOptions o) => string.Create(c0, $"threshold {o.Threshold}, merge {o.MergeThreshold?.ToString(CultureInfo.InvariantCulture) ?? "none"}, participants {o.ParticipantWeight}, places {o.PlaceWeight}, date bonus {o.DateBonus}, date penalty {o.DatePenalty}, window {o.WindowDays?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        var fromOdd = Best(odd);
        var fromEven = Best(even);
        var fromAll = Best(all);
        var pooled = new string[truth.Length];
        var onEven = Predict(fromOdd, even, "e");
        var onOdd = Predict(fromEven, odd, "o");
        for (var k = 0; k < even.Length; k++) pooled[even[k]] = onEven[k];
        for (var k = 0; k < odd.Length; k++) pooled[odd[k]] = onOdd[k];
        var (cp, cr) = BCubed(pooled, truth);
        var (pp, pr) = Pairwise(pooled, truth);
        Console.WriteLine($"fit ({grid.Count} settings, by B-cubed F1):");
        Console.WriteLine(string.Create(c0, $"  fitted on odd topics:  {Describe(fromOdd)}; B-cubed F1 on even topics {Score(fromOdd, even):F3} (on odd {Score(fromOdd, odd):F3})"));
        Console.WriteLine(string.Create(c0, $"  fitted on even topics: {Describe(fromEven)}; B-cubed F1 on odd topics {Score(fromEven, odd):F3} (on even {Score(fromEven, even):F3})"));
        Console.WriteLine(string.Create(c0, $"  cross-validated (held-out halves pooled): B-cubed P {cp:F3} R {cr:F3} F1 {F1(cp, cr):F3}; pairwise P {pp:F3} R {pr:F3} F1 {F1(pp, pr):F3}"));
        Console.WriteLine(string.Create(c0, $"  fitted on all topics:  {Describe(fromAll)}; B-cubed F1 {Score(fromAll, all):F3}"));
    }

    /// <summary>
    /// Grid search of the offline clusterer's threshold and story split by B-cubed F1, two-fold by odd and even
    /// topics as in <see cref="Fit"/>: all articles are clustered at once for each setting (or in batches of
    /// <paramref name="batchTopics"/> topics; stories do not cross topics in practice), and each half is scored on its
    /// own articles.
    /// </summary>
    private static void FitSplit(List<AnnotatedArticle> annotated, string[] truth, int[] topicOf, StoryClusterOptions start, int batchTopics)
    {
        var grid = new List<StoryClusterOptions>();
        foreach (var threshold in new[] { 0.12, 0.15, 0.2, 0.25, 0.27 })
            foreach (var neighbours in new[] { 0, 3, 4, 5, 6 })
                foreach (var cut in neighbours == 0 ? new[] { 0.0 } : [0.15, 0.2, 0.3, 0.4])
                    grid.Add(start with { Threshold = threshold, SplitNeighbours = neighbours, SplitMaxCut = cut });
        var (odd, even, all) = Halves(topicOf);
        var labels = grid.Select(o => Labels(InBatches(new StoryClusterer(o).Cluster, annotated, topicOf, batchTopics), truth.Length)).ToList();
        double Score(int g, int[] subset) => F1(BCubed(subset.Select(i => labels[g][i]).ToArray(), subset.Select(i => truth[i]).ToArray()));
        int Best(int[] subset, bool split) =>
            Enumerable.Range(0, grid.Count).Where(g => (grid[g].SplitNeighbours > 0) == split).OrderByDescending(g => Score(g, subset)).First();

        var c0 = CultureInfo.InvariantCulture;
        string Describe(StoryClusterOptions o) => o.SplitNeighbours == 0
            ? string.Create(c0, $"threshold {o.Threshold}, no split")
            : string.Create(c0, $"threshold {o.Threshold}, split neighbours {o.SplitNeighbours}, cut {o.SplitMaxCut}");
        Console.WriteLine($"fit of the offline clusterer ({grid.Count} settings, by B-cubed F1):");
        foreach (var split in new[] { false, true })
        {
            var fromOdd = Best(odd, split);
            var fromEven = Best(even, split);
            var fromAll = Best(all, split);
            var pooled = new string[truth.Length];
            foreach (var i in even) pooled[i] = "e" + labels[fromOdd][i];
            foreach (var i in odd) pooled[i] = "o" + labels[fromEven][i];
            var (cp, cr) = BCubed(pooled, truth);
            Console.WriteLine(split ? "  with the split:" : "  without the split:");
            Console.WriteLine(string.Create(c0, $"    fitted on odd topics:  {Describe(grid[fromOdd])}; B-cubed F1 on even {Score(fromOdd, even):F3} (on odd {Score(fromOdd, odd):F3})"));
            Console.WriteLine(string.Create(c0, $"    fitted on even topics: {Describe(grid[fromEven])}; B-cubed F1 on odd {Score(fromEven, odd):F3} (on even {Score(fromEven, even):F3})"));
            Console.WriteLine(string.Create(c0, $"    cross-validated (held-out halves pooled): B-cubed P {cp:F3} R {cr:F3} F1 {F1(cp, cr):F3}"));
            Console.WriteLine(string.Create(c0, $"    fitted on all topics:  {Describe(grid[fromAll])}; B-cubed F1 {Score(fromAll, all):F3}"));
        }
    }

    /// <summary>
    /// What the story split rests on, read off the offline clusterer's similarity graph: how often an article's k most
    /// similar articles are of its own event, and, within each topic, how well the similarity ranks same-event pairs
    /// above pairs of the topic's two events (area under the ROC curve; a pair without an edge counts 0).
    /// </summary>
    private static void DescribeGraph(List<AnnotatedArticle> annotated, string[] truth, int[] topicOf, StoryClusterOptions options)
    {
        var n = truth.Length;
        var edges = new StoryClusterer(options).Similarities([.. annotated]);
        var similar = new Dictionary<int, double>[n];
        for (var i = 0; i < n; i++) similar[i] = [];
        foreach (var (a, b, s) in edges)
        {
            similar[a][b] = s;
            similar[b][a] = s;
        }
        var c0 = CultureInfo.InvariantCulture;
        Console.WriteLine("similarity graph (offline clusterer):");
        foreach (var k in new[] { 1, 3, 5 })
        {
            var (same, all) = (0, 0);
            for (var i = 0; i < n; i++)
                foreach (var j in similar[i].OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(k).Select(p => p.Key))
                {
                    all++;
                    if (truth[j] == truth[i]) same++;
                }
            Console.WriteLine(string.Create(c0, $"  the {k} most similar articles of the same event: {(double)same / all:P1} of {all}"));
        }
        Console.WriteLine("  within each topic, same-event pairs ranked above cross-event pairs (AUC):");
        foreach (var topic in topicOf.Distinct().Order())
        {
            var members = Enumerable.Range(0, n).Where(i => topicOf[i] == topic).ToArray();
            var (within, across) = (new List<double>(), new List<double>());
            for (var x = 0; x < members.Length; x++)
                for (var y = x + 1; y < members.Length; y++)
                {
                    var (a, b) = (members[x], members[y]);
                    (truth[a] == truth[b] ? within : across).Add(similar[a].GetValueOrDefault(b));
                }
            if (within.Count == 0 || across.Count == 0) continue;
            var wins = within.Sum(w => across.Sum(c => w > c ? 1.0 : w == c ? 0.5 : 0));
            Console.WriteLine(string.Create(c0, $"    topic {topic}: {wins / within.Count / across.Count:F3}"));
        }
    }

    /// <summary>Article indexes of the odd topics, of the even ones, and of all: the two folds of the fits.</summary>
    private static (int[] Odd, int[] Even, int[] All) Halves(int[] topicOf)
    {
        var all = Enumerable.Range(0, topicOf.Length).ToArray();
        return (all.Where(i => topicOf[i] % 2 == 1).ToArray(), all.Where(i => topicOf[i] % 2 == 0).ToArray(), all);
    }

    private static double F1((double P, double R) pr) => F1(pr.P, pr.R);

    /// <summary>The gold topic and event of each ECB+ text, by id, from the folder's gold.json.</summary>
    internal static Dictionary<string, GoldDoc> ReadGold(string folder)
    {
        using var stream = File.OpenRead(Path.Combine(folder, "gold.json"));
        return JsonSerializer.Deserialize<Dictionary<string, GoldDoc>>(stream) ?? throw new InvalidDataException("gold.json is empty");
    }

    public static AnnotatedArticle WithEmptyLayers(Article article) => new(article, [], [], [], [], [], []);

    /// <summary>Id is the file name; a first line holding the source URL is metadata, not text.</summary>
    public static Article ReadArticle(string path)
    {
        var document = new Ingest.SourceDocument(Path.GetFileNameWithoutExtension(path), path, "text", File.ReadAllText(path));
        return new Extract.PlainTextExtractor().Extract(document);
    }

    /// <summary>Mean over articles of the share of its cluster that is its event (P) and of its event that is its cluster (R).</summary>
    public static (double Precision, double Recall) BCubed(IReadOnlyList<string> predicted, IReadOnlyList<string> truth)
    {
        var joint = Counts(predicted.Select((p, i) => (p, truth[i])));
        var clusterSize = Counts(predicted);
        var eventSize = Counts(truth);
        double p = 0, r = 0;
        for (var i = 0; i < predicted.Count; i++)
        {
            double both = joint[(predicted[i], truth[i])];
            p += both / clusterSize[predicted[i]];
            r += both / eventSize[truth[i]];
        }
        return (p / predicted.Count, r / predicted.Count);
    }

    /// <summary>Over pairs of articles: of the pairs put together, how many share an event (P), and the converse (R).</summary>
    public static (double Precision, double Recall) Pairwise(IReadOnlyList<string> predicted, IReadOnlyList<string> truth)
    {
        static double Pairs(int k) => k * (k - 1) / 2.0;
        var both = Counts(predicted.Select((p, i) => (p, truth[i]))).Values.Sum(Pairs);
        var together = Counts(predicted).Values.Sum(Pairs);
        var same = Counts(truth).Values.Sum(Pairs);
        return (together == 0 ? 1 : both / together, same == 0 ? 1 : both / same);
    }

    private static Dictionary<T, int> Counts<T>(IEnumerable<T> items) where T : notnull
    {
        var counts = new Dictionary<T, int>();
        foreach (var item in items) counts[item] = counts.GetValueOrDefault(item) + 1;
        return counts;
    }

    internal static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);

    internal sealed record GoldDoc(
        [property: System.Text.Json.Serialization.JsonPropertyName("topic")] string Topic,
        [property: System.Text.Json.Serialization.JsonPropertyName("event")] string Event);
}
