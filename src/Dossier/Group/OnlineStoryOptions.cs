namespace Dossier.Group;

/// <summary>
/// Settings of the online story clusterer. An article's similarity to a story blends the cosine of its words with
/// the story's words, of its participants (people, organisations, other names) with the story's, and of its places
/// with the story's, plus a bonus when it is dated close to the story's last article. Weights and threshold were
/// fitted on ECB+ topics 1-35 by grid search (`eval/run cluster --fit`), checked by fitting on odd topics and
/// scoring even ones and the reverse; fitted again once words were weighed with the <see cref="Background"/> table
/// (2026-11-24), the threshold stayed at 0.3. Figures in the remarks below were measured before that table, whose
/// defaults gave 0.920 on all of ECB+ topics 1-35 (0.932 before) and 0.927 with each ten topics clustered alone
/// (0.895 before; `eval/run cluster --batches 10`). With stories split as they grow (<see cref="SplitNeighbours"/>,
/// later that day): 0.942, and 0.941 in batches of ten; cross-validated 0.936 (0.919 before).
/// </summary>
public sealed record OnlineStoryOptions
{
    /// <summary>An article joins the most similar open story at or above this similarity, else opens a new story.</summary>
    public double Threshold { get; init; } = 0.3;

    /// <summary>Share of the similarity given to the participants' cosine when article and story both name some.</summary>
    /// <remarks>Fitted to 0 on all topics (0 and 0.15 on the halves): the names already weighted in the words carry it.</remarks>
    public double ParticipantWeight { get; init; }

    /// <summary>Share of the similarity given to the places' cosine when article and story both name some.</summary>
    /// <remarks>Fitted to 0 on all topics, 0.1 on either half.</remarks>
    public double PlaceWeight { get; init; }

    /// <summary>
    /// Bonus for an article dated on the day of the story's last article, falling linearly to 0 at the window's end
    /// (<see cref="WindowDays"/>); with no window there is no bonus.
    /// </summary>
    /// <remarks>Fitted to 0 on ECB+, whose dates are mostly found in the text; kept for feeds with real publication dates.</remarks>
    public double DateBonus { get; init; }

    /// <summary>
    /// Penalty when the article is dated more than <see cref="DateGapDays"/> from every dated article of the story:
    /// likely another event of the same kind. Dates found in the text are sometimes another day of the story, so
    /// the gap is long.
    /// </summary>
    public double DatePenalty { get; init; } = 0.2;

    public int DateGapDays { get; init; } = 180;

    /// <summary>
    /// A story no article has joined for more than this many days of article time is closed and no longer a
    /// candidate (null: only <see cref="QuietArticles"/> closes stories). Article time is the published date; an undated article arrives at the
    /// last time seen. Off by default because on ECB+ every window lowered B-cubed F1 (before the merge step: 0.908 without; 0.847 at 730
    /// days, 0.773 at 30): its dates are found in the text, and one wrong year moves the clock past open stories.
    /// Set it for a live feed with publication dates from metadata.
    /// </summary>
    public int? WindowDays { get; init; }

    /// <summary>
    /// A story no article has joined while more than this many articles arrived is closed, as a story is by
    /// <see cref="WindowDays"/>, and released from memory (null: only the window closes stories). Counted in
    /// arrivals rather than days, so it holds whatever order articles come in: an archive ingested out of date order,
    /// or a store, whose stream has no window. Without it a stream that never closes stories keeps every story it
    /// ever opened: `dossier-bench-scale 1000000 --window none` peaked at 4.1 GB and took 22x the clustering time for 10x the
    /// articles from 100,000 on; with it 1.3 GB, flat from 300,000, and 12.4x (docs/RESULTS.md). A lone article's
    /// story closed this way is not settled (<see cref="LoneArticleThreshold"/>): the stories of its days have closed
    /// long before. A stream shorter than this groups exactly as without it.
    /// </summary>
    public int? QuietArticles { get; init; } = 100_000;

    /// <summary>
    /// After an article joins a story, another open story it was compared with is merged in when the cosine of the
    /// two stories' word centroids reaches this (null: stories never merge). Mends an early split: the first article
    /// of an event that opened a story of its own joins the event's story once enough of it is known. Fitted with the
    /// other settings (`eval/run cluster --fit`): 0.4 on all topics and on the odd half, none on the even half.
    /// </summary>
    public double? MergeThreshold { get; init; } = 0.4;

    /// <summary>
    /// A story still of a single article when it closes (<see cref="WindowDays"/>), and every such story when a batch
    /// ends, joins the open story of two or more articles it is most similar to when that similarity reaches this and
    /// no other story comes close (<see cref="LoneArticleMargin"/>); null: a lone article stays alone. Below the join
    /// threshold on purpose, as the batch clusterer's lone-article rule is: a short report is only ever loosely like
    /// its story, and once the stories around it are complete one clear likeness is enough. Not sooner: settled a day
    /// after it arrived, a lone report on ECB+ often joined another event of its kind whose own story had not yet
    /// formed (B-cubed F1 0.905, against 0.922 never settling; with the settings below 0.932, `eval/run cluster`).
    /// </summary>
    public double? LoneArticleThreshold { get; init; } = 0.2;

    /// <summary>
    /// A lone article settles only into a story at least this many times as similar to it as the next most similar
    /// story: most lone articles of a feed are stories of their own, each loosely like several stories of its kind,
    /// while a stray report of a known story is clearly closest to that one. On ECB+ topics 1-35, which has no story
    /// of one article, B-cubed F1 is 0.938 with no margin, 0.936 at 1.5 and 0.932 at 2; on the generated stream, where
    /// most stories have one or two articles, the online clusterer over a batch of 30,000 scores 0.947 never settling,
    /// 0.936 settling with no margin, 0.944 at 1.5 and 0.947 at 2 (`dossier-bench-scale 30000 --offline`).
    /// </summary>
    public double LoneArticleMargin { get; init; } = 2.0;

    /// <summary>
    /// Only a story of at most this many articles is merged (into another of any size): merging two grown stories
    /// on ECB+ joined two events of one kind far more often than it mended a split.
    /// </summary>
    public int MergeMaxSize { get; init; } = 1;

    /// <summary>
    /// Two grown stories (both over <see cref="MergeMaxSize"/>) that an arriving article fits both of (its similarity
    /// to each reaches <see cref="Threshold"/>) merge when their word centroids reach this cosine (null: never): the
    /// pieces of one story that grew apart, as a story of a thousand reports or more does. On ECB+ no such merge is
    /// made at 0.7 to 0.9, and at 0.6 two events of a kind join (online 0.942 to 0.940, live 0.915 to 0.904); on the
    /// generated stream of 30,000 articles 0.8 changes nothing and 0.7 joins stories of one pattern (precision 0.952 to
    /// 0.947): `eval/run cluster`, `eval/run big-story`, `dossier-bench-scale 30000 --offline`.
    /// </summary>
    public double? GrownMergeThreshold { get; init; } = 0.8;

    /// <summary>
    /// Two grown stories that an arriving article fits both of also merge, when one has at least this many articles,
    /// if their mean text similarity over all cross pairs reaches <see cref="LargeMergeMean"/> and
    /// <see cref="LargeMergeShare"/> of the larger story's own mean (null: never). A story of thousands of reports
    /// grows pieces that each gathered the reports repeating one passage: their centroids stay apart (cosine 0.55 to
    /// 0.72 in `eval/run big-story`), yet each piece is as like the main story as its own reports are like each other.
    /// No ECB+ event has 50 reports.
    /// </summary>
    public int? LargeStoryMinSize { get; init; } = 50;

    /// <summary>
    /// The mean similarity over cross pairs that a large story's merge needs (<see cref="LargeStoryMinSize"/>), as the
    /// batch clusterer's <see cref="StoryClusterOptions.LargeStoryJoinMean"/>. At 0.25, 3,000 reports made from ECB+ event
    /// 27_ecb stayed 4 stories (pieces 0.22 to 0.24 like the story, whose own mean is 0.265), at 0.2 one; the generated
    /// stream of 30,000 articles scores 0.948 either way (`eval/run big-story --event 27_ecb`, `dossier-bench-scale 30000 --offline`).
    /// </summary>
    public double LargeMergeMean { get; init; } = LargeStories.JoinMean;

    /// <summary>The share of the larger story's own mean similarity that a large story's merge needs (<see cref="LargeStoryMinSize"/>; as the batch clusterer's).</summary>
    public double LargeMergeShare { get; init; } = LargeStories.WithinShare;

    /// <summary>
    /// How many of an article's heaviest words it uses to look stories up (its participants and places too, when
    /// their layers have weight).
    /// </summary>
    public int CandidateTerms { get; init; } = 10;

    /// <summary>
    /// Once an article has been compared with this many stories, its lighter words look up no more: keeps the work
    /// per article flat as a stream grows. Its heaviest words are looked up first, and the similarity is mostly
    /// theirs. On the generated stream (`bench/scale.sh`) comparisons per 100,000 articles stayed at 2.6 to 2.8
    /// million with it, and rose from 3.2 to 4.5 million without (same ECB+ clusters; B-cubed 0.918 to 0.923 at 300,000).
    /// </summary>
    public int MaxComparisons { get; init; } = 24;

    /// <summary>A term indexing more open stories than this proposes none: keeps the look-up from growing with the stream.</summary>
    public int MaxCandidateStories { get; init; } = 200;

    /// <summary>Extra weight of headline words, which name the event more often than body words do.</summary>
    public double TitleWeight { get; init; } = 2.0;

    /// <summary>Extra weight of a capitalised word not opening a sentence: names tell two events of one kind apart.</summary>
    public double NameWeight { get; init; } = 3.0;

    /// <summary>
    /// When clustering a batch, learn how rare words are from the whole batch before streaming it (the stream's
    /// decisions still come one article at a time); false learns rarity only from the articles seen so far (with the
    /// <see cref="Background"/> table's counts in either case).
    /// </summary>
    public bool LearnRarityFromBatch { get; init; } = true;

    /// <summary>
    /// Document frequencies of a background corpus that the stream starts from, as if it had already seen those
    /// articles (<see cref="DocumentFrequencies"/>): the first articles of a stream, and a small batch, are weighed with
    /// evidence of how rare their words are; null: only the articles of the stream (or batch). Words only: names in the
    /// participant and place layers are not counted there.
    /// </summary>
    public DocumentFrequencies? Background { get; init; } = DocumentFrequencies.Default;

    /// <summary>
    /// A story is split where its articles' nearest-neighbour graph falls apart, as the batch clusterer splits
    /// (<see cref="SpectralSplit"/>): each article linked to this many of its most similar articles in the story; 0 turns
    /// splitting off. Checked when a story reaches 2 × <see cref="SplitMinPart"/> articles and each time it grows by half
    /// again, up to <see cref="SplitMaxSize"/>; the part holding the story's first article keeps its number, and the
    /// others become new stories (<see cref="StoryStream.LastSplits"/>). On ECB+ topics 1-35 B-cubed F1 0.920 to 0.942, in
    /// batches of ten topics 0.927 to 0.941, of five 0.930 to 0.937 (`eval/run cluster --online-split-neighbours 0` for
    /// the figures without); each setting of the split is the batch clusterer's, not fitted again.
    /// </summary>
    public int SplitNeighbours { get; init; } = 3;

    /// <summary>A story splits when the normalised cut of its nearest-neighbour graph is below this (as the batch clusterer's).</summary>
    public double SplitMaxCut { get; init; } = 0.15;

    /// <summary>Both parts of a split have at least this many distinct articles (copies of one article count once).</summary>
    public int SplitMinPart { get; init; } = 3;

    /// <summary>
    /// A split needs each part to have a name (or a year) that at least 40% of its articles use and at most 20% of the
    /// other's do, as in the batch clusterer: two events of one kind differ in who, where or when.
    /// </summary>
    public bool SplitNeedsNames { get; init; } = true;

    /// <summary>
    /// A split is not made between two parts dated over days that overlap or lie within this many days of each other
    /// (null: no such check), as in the batch clusterer: reports of one story over the same days, told from two angles.
    /// </summary>
    public int? SplitSparedWithinDays { get; init; } = 3;

    /// <summary>
    /// A story is checked for a split only up to this many articles: the stream keeps each article's vectors while its
    /// story may still split, and a grown story has long been checked.
    /// </summary>
    public int SplitMaxSize { get; init; } = 64;

    /// <summary>
    /// How many articles' vectors the stream keeps for splits, at most: past it, the stories joined least recently are
    /// no longer checked for a split and their articles' vectors are let go. What keeps a long stream's memory bounded
    /// (a story of a live feed is split while it grows, which is while it is recent); counted in articles rather than
    /// days so that a stream whose dates are found in the text, and jump, keeps the same stories as one with feed dates.
    /// </summary>
    public int SplitMemory { get; init; } = 100_000;
}
