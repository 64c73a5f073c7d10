using Dossier.Language;
using Dossier.Model;

namespace Dossier.Group;

/// <summary>
/// Settings of the story clusterer. The similarity of two articles is the cosine of their TF-IDF vectors over
/// content words, blended with the cosine of their named entities when both have an entity layer, plus a small
/// bonus when both are dated within a few days and a penalty when they are dated far apart.
/// </summary>
public sealed record StoryClusterOptions
{
    /// <summary>
    /// Average-linkage cut: two groups of articles merge while the mean similarity over all their cross pairs is at
    /// least this. Average linkage rather than single linkage so one shared background paragraph cannot chain two
    /// events of the same kind together; what it still joins, the split after it takes apart
    /// (<see cref="SplitNeighbours"/>). Before follow-ups were spared the date penalty, 0.15 did a little better on
    /// ECB+ topics 1-35 (0.947 against 0.944) but joined generated stories of one pattern that only their dates tell
    /// apart (B-cubed F1 0.940 against 0.957 on 10,000 generated articles, `dossier-bench-scale 10000 --offline`);
    /// now 0.25 is also best on ECB+ (`eval/run cluster --threshold x`, with the <see cref="Background"/> table: 0.15 0.948,
    /// 0.2 0.941, 0.25 0.954, 0.27 0.946, 0.3 0.921; with each ten topics clustered alone, `--batches 10`, 0.944, 0.942,
    /// 0.953, 0.947, 0.909).
    /// </summary>
    public double Threshold { get; init; } = 0.25;

    /// <summary>
    /// A lone article joins the story of its most similar article at or above this similarity (null: stays alone).
    /// Below the story cut on purpose: one clearly similar article is enough evidence for a short report.
    /// </summary>
    public double? LoneArticleThreshold { get; init; } = 0.2;

    /// <summary>
    /// Document frequencies of a background corpus, added to the batch's own when words are weighed
    /// (<see cref="DocumentFrequencies"/>), so that a word weighs about the same in a batch of 200 articles as in one of
    /// 2,000 and one <see cref="Threshold"/> serves both; null: the batch alone. The default is the table the library
    /// ships (`dossier train frequencies`).
    /// </summary>
    public DocumentFrequencies? Background { get; init; } = DocumentFrequencies.Default;

    /// <summary>How many of an article's highest-weighted terms it uses to look for candidate partners.</summary>
    public int CandidateTerms { get; init; } = 10;

    /// <summary>
    /// A term found in more than this many articles proposes no candidates (it still counts in the cosine):
    /// keeps candidate generation from going quadratic on large batches through words every story uses. A story
    /// larger than this is still held together (<see cref="LargeStoryMinSize"/>).
    /// </summary>
    public int MaxCandidateDocumentFrequency { get; init; } = 1000;

    /// <summary>
    /// A story of at least this many articles after the agglomeration is compared with the stories of two or more
    /// articles linked to it over all their cross pairs, not only the candidate pairs, and they join while that mean
    /// reaches <see cref="LargeStoryJoinMean"/> (see <see cref="LargeStories"/>): what holds a story of thousands of
    /// articles together. 0 turns it off.
    /// </summary>
    public int LargeStoryMinSize { get; init; } = 50;

    /// <summary>
    /// The mean text similarity over all cross pairs at which a piece joins a large story (<see cref="LargeStoryMinSize"/>),
    /// besides 0.6 of the large story's own mean. Below <see cref="Threshold"/>: the exact mean counts every weak pair the
    /// linkage never scored, and a story told in many different words has a low mean with itself (0.265 for reports made
    /// from ECB+ event 27_ecb). At the linkage's 0.25, 3,000 such reports came out as 9 stories, at 0.2 as 2 (`eval/run
    /// big-story --event 27_ecb`); the generated stream of 30,000 articles is the same at 0.2 as at 0.25 (F1 0.948).
    /// </summary>
    public double LargeStoryJoinMean { get; init; } = LargeStories.JoinMean;

    /// <summary>Extra weight of headline words, which name the event more often than body words do.</summary>
    public double TitleWeight { get; init; } = 2.0;

    /// <summary>
    /// Extra weight of a capitalised word not opening a sentence: names tell two events of one kind apart (two
    /// earthquakes share "magnitude" and "rescuers", not the town), and work before the entity layer exists.
    /// </summary>
    public double NameWeight { get; init; } = 3.0;

    /// <summary>
    /// Share of the similarity given to the entity cosine when both articles have entities; 0 ignores entities.
    /// A blend rather than an added bonus, so one threshold serves with and without the entity layer. Kept small:
    /// two events of one kind share many organisations. On ECB+ topics 1-35 with the trained tagger and the background
    /// table (`eval/run cluster --entity-weight x`): 0.943 at 0, 0.954 at 0.1, 0.933 at 0.2.
    /// </summary>
    public double EntityWeight { get; init; } = 0.1;

    /// <summary>
    /// Bonus for two articles published on the same day, falling linearly to 0 at <see cref="DateWindowDays"/>.
    /// On ECB+ (dates found in the text by the date finder) the bonus moves little; the penalty is what helps.
    /// </summary>
    public double DateBonus { get; init; } = 0.05;

    public int DateWindowDays { get; init; } = 3;

    /// <summary>
    /// Penalty when both dates are known and further apart than <see cref="DateGapDays"/>: likely another event.
    /// Half a year rather than weeks because dates found in the text are sometimes another day of the story: on ECB+
    /// a 30-day gap lowered B-cubed F1 (0.908) while anything from 90 to 365 days with a penalty of 0.2 to 0.5 gave
    /// 0.926, against 0.915 without dates.
    /// </summary>
    public double DatePenalty { get; init; } = 0.2;

    public int DateGapDays { get; init; } = 180;

    /// <summary>
    /// The date penalty is spared to articles that name the same people: it is scaled by 1 - c / this, where c is the
    /// cosine of the two articles' person names, and is gone at or above it (0: always the full penalty). A follow-up
    /// months or years later (the trial of a killing, the confession after a shooting) names the same victim and
    /// accused; another event of the same kind in the same place does not. Organisations and places are left out
    /// because they recur across events (one company's two product recalls, one island's two earthquakes). On ECB+
    /// topics 1-35 (`eval/run cluster --date-people x`) B-cubed F1 was 0.950 for anything from 0.4 to 0.7, against 0.944
    /// with the full penalty always and 0.942 with no date penalty at all; with the <see cref="Background"/> table, 0.954 at
    /// 0.5 and 0.7, 0.952 at 0.3, 0.946 with the full penalty always.
    /// </summary>
    public double DatePenaltySparedAtPeople { get; init; } = 0.5;

    /// <summary>
    /// Pairs less similar than this are not kept as edges: for average linkage they count as 0, as pairs that were
    /// never candidates do, and they are no one's neighbour in the split's graph. On the generated stream they are most
    /// of the candidate pairs (86% at 30,000 articles) and most of the clustering's time and memory. Dropping them can
    /// lower a mean across two stories a little (by less than this); measured at 0.1, no story changed on ECB+ topics
    /// 1-35 (`eval/run cluster --min-edge 0`), and on 10,000 and 30,000 generated articles the clusters were within one of
    /// before at the same B-cubed F1 (`dossier-bench-scale 30000 --offline`).
    /// </summary>
    public double MinEdgeSimilarity { get; init; } = 0.1;

    /// <summary>
    /// After agglomeration, a story is split where its nearest-neighbour graph falls apart (<see cref="SpectralSplit"/>):
    /// each article linked to this many of its most similar articles in the story; 0 turns splitting off.
    /// </summary>
    public int SplitNeighbours { get; init; } = 3;

    /// <summary>
    /// A story splits when the normalised cut of its nearest-neighbour graph is below this (0: two groups with no
    /// tie at all; 2: any cut). With <see cref="SplitNeighbours"/> 3, what fitting on odd and on even ECB+ topics both
    /// chose once words were weighed with the <see cref="Background"/> (`eval/run cluster --fit-split`, cross-validated
    /// B-cubed F1 0.945, and 0.944 with each ten topics clustered alone, `--batches 10`).
    /// </summary>
    public double SplitMaxCut { get; init; } = 0.15;

    /// <summary>Both parts of a split have at least this many distinct articles (copies of one article count once).</summary>
    public int SplitMinPart { get; init; } = 3;

    /// <summary>
    /// A split is kept only when each part has a name or year most of its articles use and the other part's
    /// almost never do (<see cref="StoryClusterer"/>): the graph alone also splits one event into its phases or
    /// around a wire copy and its rewrites.
    /// </summary>
    public bool SplitNeedsNames { get; init; } = true;

    /// <summary>
    /// A split is not made when both parts are dated (at least half their articles, to the day) over days that overlap or
    /// lie within this many days of each other: reports of one story over the same days, told from two angles (she checks
    /// into one clinic, leaves it, checks into another), which the names check lets through because each angle has its
    /// own names. Two events of one kind that a story joins lie apart in time (two title fights of one boxer, months
    /// apart), and two that happen on the same days are told apart by their names before they are ever joined. Null:
    /// splits are never spared. On ECB+ topics 1-35 it spares one split, the Lohan reports of topic 1 (B-cubed F1 0.954
    /// to 0.961; cross-validated with `--fit-split` 0.945 to 0.952), the same for 0 to 60 days; a first version spared
    /// only parts that also share a person named by half of each, with the same figures on ECB+ but 0.946 against 0.948
    /// on 30,000 generated articles (`dossier-bench-scale N --offline`), whose stories of one pattern it let the split
    /// cut when their parts named no one in common.
    /// </summary>
    public int? SplitSparedWithinDays { get; init; } = 3;
}

/// <summary>
/// Groups articles into stories, one cluster per real-world event: TF-IDF cosine over content words (IDF from
/// the batch and the background table), entity and date evidence when present, candidate pairs from an inverted index over each article's
/// top terms, then average-linkage agglomeration with a threshold. The result does not depend on input order:
/// articles are processed in the order of their ids.
/// </summary>
public sealed class StoryClusterer : IStoryClusterer
{
    private readonly StoryClusterOptions _options;

    public StoryClusterer() : this(new StoryClusterOptions()) { }

    public StoryClusterer(StoryClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>How many slices the candidate pairs are scored in (0: four per processor); tests compare one with many.</summary>
    internal int ScoringSlices { get; init; }

    /// <summary>Returns clusters as lists of indexes into <paramref name="articles"/>; every article is in exactly one.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Cluster(IReadOnlyList<AnnotatedArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var n = articles.Count;
        if (n == 0) return [];

        // Canonical order (by id, then text) so shuffled input gives the same clusters.
        var canonical = BatchOrder.Canonical(articles);
        var docs = new AnnotatedArticle[n];
        for (var i = 0; i < n; i++) docs[i] = articles[canonical[i]];

        var (edges, text, days, capped) = Score(docs);

        var labels = AverageLinkage.Cluster(n, edges, _options.Threshold);
        if (_options.LargeStoryMinSize > 0)
            LargeStories.Join(labels, text, days, capped, edges, _options.LargeStoryMinSize, _options.LargeStoryJoinMean, _options.DateGapDays, _options.DatePenalty);
        if (_options.LoneArticleThreshold is { } lone) AttachLoneArticles(labels, edges, lone);
        if (_options.SplitNeighbours > 0) SplitStories(labels, edges, docs);

        // Back to the caller's indexes.
        var labelOf = new int[n];
        for (var i = 0; i < n; i++) labelOf[canonical[i]] = labels[i];
        return BatchOrder.Clusters(labelOf);
    }

    /// <summary>
    /// The similarity graph the clusterer works on: an edge for each candidate pair (a &lt; b, indexes into
    /// <paramref name="docs"/>) with a similarity above 0.
    /// </summary>
    internal List<(int A, int B, double Similarity)> Similarities(AnnotatedArticle[] docs) => Score(docs).Edges;

    private (List<(int A, int B, double Similarity)> Edges, TermVectors Text, int?[] Days, bool[] Capped) Score(AnnotatedArticle[] docs)
    {
        var n = docs.Length;
        // The entity vectors do not depend on the text vectors: build them side by side.
        var entitiesTask = _options.EntityWeight > 0 ? Task.Run(() => TermVectors.FromEntities(docs)) : null;
        var peopleTask = _options.DatePenalty > 0 && _options.DatePenaltySparedAtPeople > 0
            ? Task.Run(() => TermVectors.FromEntities(docs, type => type == EntityType.PER))
            : null;
        var text = TermVectors.FromText(docs, _options.TitleWeight, _options.NameWeight, _options.Background);
        var entities = entitiesTask?.GetAwaiter().GetResult();
        var people = peopleTask?.GetAwaiter().GetResult();
        var days = new int?[n];
        for (var i = 0; i < n; i++) days[i] = StoryStream.DayOf(docs[i]);

        var (candidates, capped) = CandidatePairs(text, n);
        // The pairs are sorted by their first article; slices that start where the first article changes are scored in
        // parallel, each with its own dense copy of that article, and joined in order: the same edges, in the same
        // order, as one pass would give.
        var slices = Slices(candidates, ScoringSlices > 0 ? ScoringSlices : Math.Max(1, Environment.ProcessorCount * 4));
        var parts = new List<(int A, int B, double Similarity)>[slices.Count];
        Parallel.For(0, slices.Count, () => new double[text.TermCount], (s, _, dense) =>
        {
            var (from, to) = slices[s];
            var edges = new List<(int A, int B, double Similarity)>();
            var scattered = -1;
            for (var k = from; k < to; k++)
            {
                var (a, b) = candidates[k];
                if (a != scattered)
                {
                    if (scattered >= 0) text.Scatter(scattered, dense, clear: true);
                    text.Scatter(a, dense);
                    scattered = a;
                }
                var similarity = text.Dot(b, dense);
                if (entities is not null && entities.HasTerms(a) && entities.HasTerms(b))
                    similarity = (1 - _options.EntityWeight) * similarity + _options.EntityWeight * entities.Cosine(a, b);
                if (days[a] is { } da && days[b] is { } db)
                {
                    var gap = Math.Abs(da - db);
                    if (gap < _options.DateWindowDays) similarity += _options.DateBonus * (1 - (double)gap / _options.DateWindowDays);
                    else if (gap > _options.DateGapDays) similarity -= DatePenalty(people, a, b);
                }
                if (similarity > 0 && similarity >= _options.MinEdgeSimilarity) edges.Add((a, b, similarity));
            }
            if (scattered >= 0) text.Scatter(scattered, dense, clear: true);
            parts[s] = edges;
            return dense;
        }, _ => { });
        var all = new List<(int A, int B, double Similarity)>(parts.Sum(p => p.Count));
        foreach (var part in parts) all.AddRange(part);
        return (all, text, days, capped);
    }

    /// <summary>About <paramref name="count"/> ranges of the sorted pairs, each starting where the first article changes.</summary>
    private static List<(int From, int To)> Slices(List<(int A, int B)> pairs, int count)
    {
        var slices = new List<(int, int)>();
        var size = Math.Max(1, pairs.Count / count);
        var from = 0;
        while (from < pairs.Count)
        {
            var to = Math.Min(pairs.Count, from + size);
            while (to < pairs.Count && pairs[to].A == pairs[to - 1].A) to++;
            slices.Add((from, to));
            from = to;
        }
        return slices;
    }

    /// <summary>
    /// The penalty for two articles dated far apart, less the more they name the same people
    /// (<see cref="StoryClusterOptions.DatePenaltySparedAtPeople"/>).
    /// </summary>
    private double DatePenalty(TermVectors? people, int a, int b)
    {
        if (people is null || !people.HasTerms(a) || !people.HasTerms(b)) return _options.DatePenalty;
        return _options.DatePenalty * Math.Max(0, 1 - people.Cosine(a, b) / _options.DatePenaltySparedAtPeople);
    }

    /// <summary>
    /// Splits each story whose nearest-neighbour graph has a cut below <see cref="StoryClusterOptions.SplitMaxCut"/>
    /// (see <see cref="SpectralSplit"/>); a part is labelled by its smallest member.
    /// </summary>
    private void SplitStories(int[] labels, List<(int A, int B, double Similarity)> edges, AnnotatedArticle[] docs)
    {
        var n = labels.Length;
        var neighbours = new List<(int Other, double Similarity)>[n];
        for (var i = 0; i < n; i++) neighbours[i] = [];
        foreach (var (a, b, similarity) in edges)
        {
            if (labels[a] != labels[b]) continue;
            neighbours[a].Add((b, similarity));
            neighbours[b].Add((a, similarity));
        }
        var settings = new SplitSettings(_options.SplitNeighbours, _options.SplitMaxCut, _options.SplitMinPart);
        var names = _options.SplitNeedsNames ? new string[n][] : null;
        foreach (var members in BatchOrder.Clusters(labels))
        {
            if (members.Count < 2 * settings.MinPart) continue;
            if (names is not null)
                foreach (var i in members) names[i] ??= TermVectors.Names(docs[i]);
            var parts = SpectralSplit.Split([.. members], neighbours, settings, (a, b) =>
                SpectralSplit.PartsTellApart(a, b, names is null ? null : i => names[i], i => StoryStream.DayOf(docs[i]), _options.SplitSparedWithinDays));
            foreach (var part in parts)
                foreach (var i in part) labels[i] = part[0];
        }
    }

    /// <summary>
    /// An article left alone joins the story of its most similar article when that similarity reaches
    /// <paramref name="threshold"/>: a short report has low cosines with everything, so the mean over a whole story
    /// rarely reaches the cut although it plainly belongs. Stories are those of the agglomeration, so the order in
    /// which lone articles are seen does not matter.
    /// </summary>
    private static void AttachLoneArticles(int[] labels, List<(int A, int B, double Similarity)> edges, double threshold)
    {
        var n = labels.Length;
        var size = new int[n];
        foreach (var label in labels) size[label]++;
        var best = new int[n];
        var bestSimilarity = new double[n];
        Array.Fill(best, -1);
        foreach (var (a, b, similarity) in edges)
        {
            Consider(a, b, similarity);
            Consider(b, a, similarity);
        }
        for (var i = 0; i < n; i++)
            if (best[i] >= 0) labels[i] = labels[best[i]];

        void Consider(int lone, int other, double similarity)
        {
            if (size[labels[lone]] != 1 || size[labels[other]] < 2 || similarity < threshold) return;
            if (similarity > bestSimilarity[lone] || (similarity == bestSimilarity[lone] && other < best[lone]))
            {
                best[lone] = other;
                bestSimilarity[lone] = similarity;
            }
        }
    }

    /// <summary>
    /// Pairs (a &lt; b, ascending) where one article contains one of the other's top terms. Terms found in more than
    /// <see cref="StoryClusterOptions.MaxCandidateDocumentFrequency"/> articles propose no pairs; the articles one of
    /// whose top terms is such a term are marked as capped.
    /// </summary>
    private (List<(int A, int B)> Pairs, bool[] Capped) CandidatePairs(TermVectors vectors, int n)
    {
        var capped = new bool[n];
        var postings = vectors.Postings();
        var maxFrequency = _options.MaxCandidateDocumentFrequency;
        var keys = new List<long>();
        var stamp = new int[n];
        Array.Fill(stamp, -1);
        for (var a = 0; a < n; a++)
        {
            foreach (var t in vectors.TopTerms(a, _options.CandidateTerms))
            {
                var list = postings[t];
                if (list.Count > maxFrequency)
                {
                    capped[a] = true;
                    continue;
                }
                foreach (var b in list)
                {
                    if (b == a || stamp[b] == a) continue;
                    stamp[b] = a;
                    keys.Add(a < b ? (long)a * n + b : (long)b * n + a);
                }
            }
        }
        keys.Sort();
        var pairs = new List<(int, int)>(keys.Count / 2 + 1);
        for (var k = 0; k < keys.Count; k++)
        {
            if (k > 0 && keys[k] == keys[k - 1]) continue;
            pairs.Add(((int)(keys[k] / n), (int)(keys[k] % n)));
        }
        return (pairs, capped);
    }
}
