using Dossier.Model;

namespace Dossier.Group;

/// <summary>
/// The running state of online clustering: document frequencies so far, the stories with their summed vectors, and
/// the index from words and entities to the open stories holding them. Each article is weighted with the document
/// frequencies as they stand when it arrives, so adding an article never changes an earlier decision or its inputs.
/// </summary>
/// <remarks>
/// What grows with the stream is only what must: the vocabularies and their document frequencies (new names keep
/// coming), one small record of dates per story ever opened, and each article's story number (4 bytes an article,
/// for <see cref="StoryOf"/>). The sums and index entries of closed stories are
/// released, so the work per article is bounded by the open stories, not by the stream so far.
/// </remarks>
public sealed partial class StoryStream
{
    private const int TextSpace = 0;
    private const int ParticipantSpace = 1;
    private const int PlaceSpace = 2;

    private readonly OnlineStoryOptions _options;
    private readonly Space _text;
    private readonly Space _participants = new();
    private readonly Space _places = new();
    private readonly List<OpenStory> _stories = [];
    private readonly Dictionary<long, List<int>> _index = [];
    private readonly List<int> _stamp = [];
    private readonly List<int> _unreleased = [];
    private readonly List<long> _keys = [];
    private readonly List<(int Story, double Similarity)> _compared = [];
    private readonly Centroid _releasedSums = new();
    private readonly HashSet<long> _releasedKeys = [];
    private readonly List<(int From, int Into)> _lastMerges = [];
    private readonly List<StorySplit> _lastSplits = [];
    private readonly List<int> _storyOfArticle = []; // by ordinal: the story each article was last put in (resolve it)
    private readonly List<int> _withMembers = []; // stories that still keep their articles' vectors for a split
    private int[] _scratch = [];
    private double[] _denseText = []; // by word number, zero between uses: one article's words while a story is checked for a split
    private int _articles;
    private int _visits; // one per look-up (an arriving article, a lone story settling): stamps the stories it compared
    private int? _clock;

    /// <summary>
    /// Every this many arrivals the stream releases the stories gone quiet (<see cref="OnlineStoryOptions.QuietArticles"/>)
    /// and trims the articles kept for splits: often enough to keep memory flat, seldom enough to cost nothing.
    /// </summary>
    private const int SweepArticles = 1024;

    internal StoryStream(OnlineStoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _text = new Space(options.Background);
    }

    /// <summary>How many article-to-story similarities have been computed: the stream's work.</summary>
    public long Comparisons { get; private set; }

    /// <summary>How many stories have been opened.</summary>
    public int StoryCount => _stories.Count;

    /// <summary>The latest article day seen (day number), or null before any dated article.</summary>
    public int? Clock => _clock;

    /// <summary>How many articles have been added: the next article's ordinal.</summary>
    public int Articles => _storyOfArticle.Count;

    /// <summary>The story the article of this ordinal (0 for the first added) is in now, after merges and splits.</summary>
    public int StoryOf(int ordinal) => Resolve(_storyOfArticle[ordinal]);

    /// <summary>
    /// The story a story number now stands for: itself, or the story it was merged into. To find an article's story,
    /// ask <see cref="StoryOf"/>: a split can move an article after <see cref="Add(AnnotatedArticle)"/> returned its number.
    /// </summary>
    public int Resolve(int story)
    {
        var root = story;
        while (_stories[root].MergedInto is { } into) root = into;
        while (_stories[story].MergedInto is { } next && next != root)
        {
            _stories[story].MergedInto = root; // shortens the chain for the next look-up
            story = next;
        }
        return root;
    }

    /// <summary>
    /// True while the story is still a candidate: not merged away, some article joined it within the window of the
    /// clock, and no more than <see cref="OnlineStoryOptions.QuietArticles"/> articles have arrived since one last joined it.
    /// </summary>
    public bool IsOpen(int story) => _stories[story].MergedInto is null && WithinWindow(story) && !GoneQuiet(story);

    private bool WithinWindow(int story) =>
        _options.WindowDays is not { } window || _stories[story].LastDay is not { } day || _clock is not { } now || now - day <= window;

    private bool GoneQuiet(int story) =>
        _options.QuietArticles is { } quiet && _storyOfArticle.Count - 1 - _stories[story].LastJoined > quiet;

    /// <summary>How many stories the index still holds: closed stories leave it when the clock passes their window, and stories gone quiet at the next sweep.</summary>
    internal int IndexedStories => _unreleased.Count;

    internal static int? DayOf(AnnotatedArticle article) =>
        article.Article.Published is { Precision: DatePrecision.Day } p ? p.Date.DayNumber : null;

    /// <summary>Counts an article into the document frequencies only (it joins no story).</summary>
    internal void Learn(AnnotatedArticle article)
    {
        _articles++;
        _text.Count(TermVectors.CountText(article, _options.TitleWeight, _options.NameWeight, _text.Vocabulary, _text.Counts));
        if (_options.ParticipantWeight != 0)
            _participants.Count(TermVectors.CountEntities(article, t => t != EntityType.LOC, _participants.Vocabulary, _participants.Counts));
        if (_options.PlaceWeight != 0)
            _places.Count(TermVectors.CountEntities(article, t => t == EntityType.LOC, _places.Vocabulary, _places.Counts));
    }

    /// <summary>True when rarity was learnt from background articles: arriving articles then no longer change it.</summary>
    internal bool RarityFixed { get; set; }

    /// <summary>Adds the next article and returns the number of the story it joined or opened.</summary>
    public int Add(AnnotatedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var text = TermVectors.CountText(article, _options.TitleWeight, _options.NameWeight, _text.Vocabulary, _text.Counts);
        // A layer of weight 0 is never read: its names are not even counted, so its vocabulary does not grow.
        var participants = _options.ParticipantWeight == 0 ? null
            : TermVectors.CountEntities(article, t => t != EntityType.LOC, _participants.Vocabulary, _participants.Counts);
        var places = _options.PlaceWeight == 0 ? null
            : TermVectors.CountEntities(article, t => t == EntityType.LOC, _places.Vocabulary, _places.Counts);
        return Add(text, participants, places, DayOf(article), SplitNames(article));
    }

    /// <summary>
    /// What <see cref="Add(AnnotatedArticle)"/> reads of an article, by word rather than by this stream's numbers, so a
    /// store can keep it and any process can replay the stream without the article's text or annotations.
    /// </summary>
    public ArticleFeatures Features(AnnotatedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new ArticleFeatures(
            DayOf(article),
            Named(words => TermVectors.CountText(article, _options.TitleWeight, _options.NameWeight, words)),
            _options.ParticipantWeight == 0 ? [] : Named(words => TermVectors.CountEntities(article, t => t != EntityType.LOC, words)),
            _options.PlaceWeight == 0 ? [] : Named(words => TermVectors.CountEntities(article, t => t == EntityType.LOC, words)))
        {
            Names = SplitNames(article),
        };

        // Counted with a fresh vocabulary, the ids run from 0 in the order the words were met: listing by id keeps that order.
        static IReadOnlyList<WeightedTerm> Named(Func<Dictionary<string, int>, Dictionary<int, double>> count)
        {
            var words = new Dictionary<string, int>(StringComparer.Ordinal);
            var counts = count(words);
            var byId = new string[words.Count];
            foreach (var (word, id) in words) byId[id] = word;
            return counts.Select(c => new WeightedTerm(byId[c.Key], c.Value)).ToList();
        }
    }

    /// <summary>The article's names as the split's check reads them, or none when splits do not check names.</summary>
    private string[] SplitNames(AnnotatedArticle article) =>
        _options.SplitNeighbours > 0 && _options.SplitNeedsNames ? TermVectors.Names(article) : [];

    /// <summary>Adds the next article from its <see cref="Features"/>: the same decision as adding the article itself.</summary>
    public int Add(ArticleFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var text = Numbered(features.Text, _text);
        var participants = _options.ParticipantWeight == 0 ? null : Numbered(features.Participants, _participants);
        var places = _options.PlaceWeight == 0 ? null : Numbered(features.Places, _places);
        return Add(text, participants, places, features.Day, features.Names);

        // Words are numbered in the order listed, which is the order the article met them: the same numbers as counting it.
        static Dictionary<int, double> Numbered(IReadOnlyList<WeightedTerm> terms, Space space)
        {
            var counts = space.Counts;
            counts.Clear();
            foreach (var (word, weight) in terms)
            {
                if (!space.Vocabulary.TryGetValue(word, out var id)) space.Vocabulary[word] = id = space.Vocabulary.Count;
                counts[id] = counts.GetValueOrDefault(id) + weight;
            }
            return counts;
        }
    }

    /// <summary>
    /// The stories merged away by the last <see cref="Add(AnnotatedArticle)"/> or <see cref="Settle"/>, each with the
    /// story it went into, in the order they merged: first lone stories settled as the article's day closed them, then
    /// those merged into the story the article joined.
    /// </summary>
    public IReadOnlyList<(int From, int Into)> LastMerges => _lastMerges;

    /// <summary>
    /// The splits made by the last <see cref="Add(AnnotatedArticle)"/>, after its merges: each names the story split, the
    /// new story, and the ordinals of the articles that moved into it.
    /// </summary>
    public IReadOnlyList<StorySplit> LastSplits => _lastSplits;

    private int Add(
        Dictionary<int, double> textCounts, Dictionary<int, double>? participantCounts, Dictionary<int, double>? placeCounts, int? own,
        IReadOnlyList<string> names)
    {
        _lastMerges.Clear();
        _lastSplits.Clear();
        if (!RarityFixed) _articles++;
        var text = Weigh(_text, textCounts);
        var participants = participantCounts is null ? Sparse.Empty : Weigh(_participants, participantCounts);
        var places = placeCounts is null ? Sparse.Empty : Weigh(_places, placeCounts);
        var day = own ?? _clock;
        if (day is { } d && (_clock is null || d > _clock))
        {
            _clock = d;
            ReleaseClosed();
        }

        var visit = ++_visits; // after ReleaseClosed: a lone story settling there takes stamps of its own
        var (best, bestSimilarity, _) = MostSimilar(text, participants, places, day, own, visit, lone: -1);

        var joined = best >= 0 && bestSimilarity >= _options.Threshold;
        if (!joined)
        {
            best = _stories.Count;
            _stories.Add(new OpenStory { Members = _options.SplitNeighbours > 0 ? [] : null, NextSplitCheck = 2 * _options.SplitMinPart });
            _stamp.Add(visit);
            _unreleased.Add(best);
            if (_options.SplitNeighbours > 0) _withMembers.Add(best);
        }
        var story = _stories[best];
        var keys = _keys;
        _storyOfArticle.Add(best);
        story.LastJoined = _storyOfArticle.Count - 1;
        if (story.Members is { } members)
        {
            if (story.Size >= _options.SplitMaxSize) story.Members = null;
            else members.Add(new Member(_storyOfArticle.Count - 1, text, participants, places, [.. keys], day, own, [.. names]));
        }
        story.Size++;
        story.Text.Add(text);
        // A layer of weight 0 is never read (see Similarity): summing it would only cost time and memory.
        if (_options.ParticipantWeight != 0) story.Participants.Add(participants);
        if (_options.PlaceWeight != 0) story.Places.Add(places);
        if (day is { } dd)
        {
            story.LastDay = Math.Max(story.LastDay ?? dd, dd); // an article may arrive after later-dated ones
            if (own is { } dated)
            {
                story.FirstDated = Math.Min(story.FirstDated ?? dated, dated);
                story.LastDated = Math.Max(story.LastDated ?? dated, dated);
            }
        }
        foreach (var key in keys)
        {
            if (!story.Indexed.Add(key)) continue;
            if (!_index.TryGetValue(key, out var list)) _index[key] = list = [];
            list.Add(best);
        }
        if (joined && _options.MergeThreshold is { } merge)
            foreach (var (other, fit) in _compared)
                if (other != best && IsOpen(other) && Mergeable(story, _stories[other], merge, fit)) MergeInto(best, other);
        if (joined && story.Members is not null && story.Size >= story.NextSplitCheck)
        {
            story.NextSplitCheck = story.Size + Math.Max(1, story.Size / 2);
            SplitIfApart(best);
        }
        if (_storyOfArticle.Count % SweepArticles == 0)
        {
            if (_options.QuietArticles is not null) ReleaseClosed(quietOnly: true);
            if (_options.SplitNeighbours > 0) TrimMembers();
        }
        return best;
    }

    /// <summary>
    /// Settles the story of every article still alone (<see cref="OnlineStoryOptions.LoneArticleThreshold"/>), as when a
    /// batch ends and no other article will come; the merges are in <see cref="LastMerges"/>. Not part of what a
    /// store replays (only <see cref="Add(ArticleFeatures)"/> is): a live stream settles lone stories as its window
    /// closes them, inside <c>Add</c>. A lone story gone quiet (<see cref="OnlineStoryOptions.QuietArticles"/>) is
    /// left alone here too, as when it is released.
    /// </summary>
    public void Settle()
    {
        _lastMerges.Clear();
        _lastSplits.Clear();
        for (var s = 0; s < _stories.Count; s++)
            if (_stories[s] is { Size: 1, MergedInto: null, Released: false } && !GoneQuiet(s)) SettleLone(s);
    }

    /// <summary>
    /// Merges a lone article's story into the open story of two or more articles most similar to it, when that
    /// reaches <see cref="OnlineStoryOptions.LoneArticleThreshold"/> and the margin over the next; true when it did.
    /// Looked up as an arriving article is: through its heaviest words first (and its names when their layers have
    /// weight), at most MaxComparisons stories.
    /// </summary>
    private bool SettleLone(int s)
    {
        if (_options.LoneArticleThreshold is not { } threshold) return false;
        var story = _stories[s];
        var text = story.Text.ToSparse();
        var participants = _options.ParticipantWeight == 0 ? Sparse.Empty : story.Participants.ToSparse();
        var places = _options.PlaceWeight == 0 ? Sparse.Empty : story.Places.ToSparse();
        var (best, bestSimilarity, second) = MostSimilar(text, participants, places, story.LastDay, story.FirstDated, ++_visits, lone: s);
        if (best < 0 || bestSimilarity < threshold) return false;
        if (second > 0 && bestSimilarity < _options.LoneArticleMargin * second) return false;
        MergeInto(best, s);
        return true;
    }

    /// <summary>
    /// The open story most similar to an article's vectors (ties to the lower number) with its similarity, and the
    /// runner-up's similarity. Stories are looked up through the article's heaviest words first (and its names when
    /// their layers have weight), at most MaxComparisons of them; each is stamped with <paramref name="visit"/>, and
    /// listed in <c>_compared</c> when stories merge. The look-up keys are left in <c>_keys</c>. With
    /// <paramref name="lone"/> (a lone article's story being settled, else -1), that story, stories of one article and
    /// stories closing are passed over.
    /// </summary>
    private (int Best, double Similarity, double Second) MostSimilar(
        Sparse text, Sparse participants, Sparse places, int? day, int? own, int visit, int lone)
    {
        var keys = _keys;
        keys.Clear();
        foreach (var t in TopTerms(text, _options.CandidateTerms)) keys.Add(Key(TextSpace, t));
        // Names look stories up only when their layer counts in the similarity: with weight 0 a story found through a
        // name alone scores on words it may not share (on ECB+ the same clusters but one; 28% less clustering time at 100k).
        if (_options.ParticipantWeight != 0)
            foreach (var t in participants.Terms) keys.Add(Key(ParticipantSpace, t));
        if (_options.PlaceWeight != 0)
            foreach (var t in places.Terms) keys.Add(Key(PlaceSpace, t));

        var best = -1;
        var bestSimilarity = double.NegativeInfinity;
        var second = double.NegativeInfinity;
        var compared = _compared;
        compared.Clear();
        var before = Comparisons;
        foreach (var key in keys)
        {
            if (Comparisons - before >= _options.MaxComparisons) break;
            // The index holds the stories not yet released: ReleaseClosed runs whenever the clock moves, so the stories
            // it is closing as a lone story settles are still listed (hence IsOpen there), and every SweepArticles
            // arrivals for stories gone quiet, so those of the last arrivals are too (hence GoneQuiet).
            if (!_index.TryGetValue(key, out var stories) || stories.Count > _options.MaxCandidateStories) continue;
            foreach (var s in stories)
            {
                if (_stamp[s] == visit) continue;
                if (GoneQuiet(s) || (lone >= 0 && (s == lone || _stories[s].Size < 2 || !IsOpen(s)))) continue;
                _stamp[s] = visit;
                var similarity = Similarity(_stories[s], text, participants, places, day, own);
                Comparisons++;
                if (_options.MergeThreshold is not null) compared.Add((s, similarity));
                if (similarity > bestSimilarity || (similarity == bestSimilarity && s < best))
                {
                    second = bestSimilarity;
                    best = s;
                    bestSimilarity = similarity;
                }
                else if (similarity > second) second = similarity;
            }
        }
        return (best, bestSimilarity, second);
    }

    /// <summary>
    /// Two stories are one when their dated articles are not far apart and, one of them small, their word centroids are
    /// close; or, both grown, when the article that joined one fits the other too (<paramref name="fit"/>, its similarity
    /// to it, reaches the join threshold) and either their centroids are closer still (<see cref="OnlineStoryOptions.GrownMergeThreshold"/>)
    /// or one is large and the other reads as a piece of it (<see cref="OnlineStoryOptions.LargeStoryMinSize"/>).
    /// </summary>
    private bool Mergeable(OpenStory story, OpenStory other, double threshold, double fit)
    {
        var grown = Math.Min(story.Size, other.Size) > _options.MergeMaxSize;
        // Only weighed when the article fits both: comparing every compared story's centroid on each arrival cost
        // a third of the live stream's throughput (docs/RESULTS.md).
        if (grown && fit < _options.Threshold) return false;
        if (story.FirstDated is { } a0 && story.LastDated is { } a1 && other.FirstDated is { } b0 && other.LastDated is { } b1
            && DaysApart(a0, a1, b0, b1) > _options.DateGapDays)
            return false;
        var cosine = story.Text.Cosine(other.Text);
        if (!grown) return cosine >= threshold;
        if (_options.GrownMergeThreshold is { } bar && cosine >= Math.Max(threshold, bar)) return true;
        return _options.LargeStoryMinSize is { } large && Math.Max(story.Size, other.Size) >= large && PiecesOfOne(story, other, cosine);
    }

    /// <summary>
    /// True when the mean text similarity over every pair across the two stories reaches <see cref="OnlineStoryOptions.LargeMergeMean"/>
    /// and <see cref="OnlineStoryOptions.LargeMergeShare"/> of the larger story's own mean over its pairs: a piece of a
    /// story is nearly as like it as its articles are like each other. Both means come from the summed unit vectors.
    /// </summary>
    private bool PiecesOfOne(OpenStory story, OpenStory other, double cosine)
    {
        var cross = LargeStories.CrossMean(cosine * story.Text.Norm * other.Text.Norm, story.Size, other.Size);
        var larger = story.Size >= other.Size ? story : other;
        var within = LargeStories.OwnMean(larger.Text.Norm * larger.Text.Norm, larger.Size);
        return cross >= _options.LargeMergeMean && cross >= _options.LargeMergeShare * within;
    }

    /// <summary>Moves everything of story <paramref name="from"/> into <paramref name="into"/>; its number resolves to it from now on.</summary>
    private void MergeInto(int into, int from)
    {
        var (target, source) = (_stories[into], _stories[from]);
        target.Text.Add(source.Text.ToSparse());
        if (_options.ParticipantWeight != 0) target.Participants.Add(source.Participants.ToSparse());
        if (_options.PlaceWeight != 0) target.Places.Add(source.Places.ToSparse());
        foreach (var key in source.Indexed)
        {
            if (!_index.TryGetValue(key, out var list)) continue;
            list.Remove(from);
            if (target.Indexed.Add(key)) list.Add(into);
        }
        target.Size += source.Size;
        if (source.LastDay is { } last && (target.LastDay is null || last > target.LastDay)) target.LastDay = last;
        if (source.FirstDated is { } first) target.FirstDated = Math.Min(target.FirstDated ?? first, first);
        if (source.LastDated is { } lastDated) target.LastDated = Math.Max(target.LastDated ?? lastDated, lastDated);
        target.Members = target.Members is { } kept && source.Members is { } moved && target.Size <= _options.SplitMaxSize
            ? [.. kept.Concat(moved).OrderBy(m => m.Ordinal)]
            : null;
        source.Members = null;
        target.LastJoined = Math.Max(target.LastJoined, source.LastJoined);
        source.MergedInto = into;
        _lastMerges.Add((from, into));
        source.Release(_releasedSums, _releasedKeys);
    }

    /// <summary>
    /// Splits story <paramref name="s"/> where its articles' nearest-neighbour graph falls apart (<see cref="SpectralSplit"/>,
    /// similarities as an article's to a story but article to article), unless the parts have no names of their own or are
    /// dated over the same days. The part holding the first article keeps the number; each other part becomes a new story.
    /// </summary>
    private void SplitIfApart(int s)
    {
        var members = _stories[s].Members!;
        var m = members.Count;
        var neighbours = new List<(int Other, double Similarity)>[m];
        for (var i = 0; i < m; i++) neighbours[i] = [];
        // Each later article's words spread over a table by word number, read by each earlier article's words in turn.
        if (_denseText.Length < _text.Vocabulary.Count) _denseText = new double[Math.Max(_text.Vocabulary.Count, 2 * _denseText.Length)];
        for (var j = 1; j < m; j++)
        {
            var b = members[j].Text;
            for (var k = 0; k < b.Terms.Length; k++) _denseText[b.Terms[k]] = b.Weights[k];
            for (var i = 0; i < j; i++)
            {
                var similarity = MemberSimilarity(members[i], members[j], _denseText);
                if (similarity < SplitMinEdge) continue;
                neighbours[i].Add((j, similarity));
                neighbours[j].Add((i, similarity));
            }
            for (var k = 0; k < b.Terms.Length; k++) _denseText[b.Terms[k]] = 0;
        }
        var settings = new SplitSettings(_options.SplitNeighbours, _options.SplitMaxCut, _options.SplitMinPart);
        Func<int, string[]>? names = _options.SplitNeedsNames ? i => members[i].Names : null;
        var parts = SpectralSplit.Split([.. Enumerable.Range(0, m)], neighbours, settings,
            (a, b) => SpectralSplit.PartsTellApart(a, b, names, i => members[i].Own, _options.SplitSparedWithinDays));
        if (parts.Count < 2) return;

        var (participants, places) = (_options.ParticipantWeight != 0, _options.PlaceWeight != 0);
        var before = _stories[s];
        var kept = OpenStory.Of([.. parts[0].Select(i => members[i])], participants, places);
        kept.NextSplitCheck = before.NextSplitCheck;
        _stories[s] = kept;
        foreach (var key in before.Indexed)
        {
            if (kept.Indexed.Contains(key) || !_index.TryGetValue(key, out var list)) continue;
            list.Remove(s);
            if (list.Count == 0) _index.Remove(key);
        }
        foreach (var part in parts.Skip(1))
        {
            var moved = OpenStory.Of([.. part.Select(i => members[i])], participants, places);
            moved.NextSplitCheck = moved.Size + Math.Max(1, moved.Size / 2);
            var number = _stories.Count;
            _stories.Add(moved);
            _stamp.Add(0);
            _unreleased.Add(number);
            _withMembers.Add(number);
            foreach (var key in moved.Indexed)
            {
                if (!_index.TryGetValue(key, out var list)) _index[key] = list = [];
                list.Add(number);
            }
            var ordinals = part.Select(i => members[i].Ordinal).ToArray();
            foreach (var ordinal in ordinals) _storyOfArticle[ordinal] = number;
            _lastSplits.Add(new StorySplit(s, number, ordinals));
        }
    }

    /// <summary>Pairs of a story's articles less similar than this are no edge of its split graph, as in the batch clusterer.</summary>
    private const double SplitMinEdge = 0.1;

    /// <summary>Two articles' similarity, blended and penalised as an article's to a story is (<see cref="Similarity"/>).</summary>
    private double MemberSimilarity(Member a, Member b, double[] bText)
    {
        var similarity = 0.0;
        var rest = 1.0;
        if (_options.ParticipantWeight != 0 && a.Participants.Terms.Length > 0 && b.Participants.Terms.Length > 0)
        {
            similarity += _options.ParticipantWeight * Dot(a.Participants, b.Participants);
            rest -= _options.ParticipantWeight;
        }
        if (_options.PlaceWeight != 0 && a.Places.Terms.Length > 0 && b.Places.Terms.Length > 0)
        {
            similarity += _options.PlaceWeight * Dot(a.Places, b.Places);
            rest -= _options.PlaceWeight;
        }
        var text = 0.0;
        for (var k = 0; k < a.Text.Terms.Length; k++) text += a.Text.Weights[k] * bText[a.Text.Terms[k]];
        similarity += rest * text;
        if (a.Own is { } x && b.Own is { } y && Math.Abs(x - y) > _options.DateGapDays) similarity -= _options.DatePenalty;
        return similarity;

        static double Dot(Sparse u, Sparse v)
        {
            var dot = 0.0;
            for (var i = 0; i < u.Terms.Length; i++)
                for (var j = 0; j < v.Terms.Length; j++)
                    if (u.Terms[i] == v.Terms[j]) dot += u.Weights[i] * v.Weights[j];
            return dot;
        }
    }

    /// <summary>
    /// Past <see cref="OnlineStoryOptions.SplitMemory"/> articles kept, lets go of the members of the stories joined least
    /// recently until three quarters of it are left. Checked every 1,024 articles; depends only on the order of arrival,
    /// so a replay lets go of the same stories.
    /// </summary>
    private void TrimMembers()
    {
        var kept = 0;
        var total = 0L;
        for (var k = 0; k < _withMembers.Count; k++)
        {
            if (_stories[_withMembers[k]].Members is not { } members) continue;
            total += members.Count;
            _withMembers[kept++] = _withMembers[k];
        }
        _withMembers.RemoveRange(kept, _withMembers.Count - kept);
        if (total <= _options.SplitMemory) return;
        var byRecency = _withMembers.OrderBy(s => _stories[s].LastJoined).ThenBy(s => s).ToList();
        var dropped = new HashSet<int>();
        foreach (var s in byRecency)
        {
            if (total <= _options.SplitMemory * 3L / 4) break;
            total -= _stories[s].Members!.Count;
            _stories[s].Members = null;
            dropped.Add(s);
        }
        _withMembers.RemoveAll(dropped.Contains);
    }

    /// <summary>Room for one entry per term of the vector, reused across articles.</summary>
    private int[] Scratch(Sparse vector)
    {
        if (_scratch.Length < vector.Terms.Length) _scratch = new int[Math.Max(vector.Terms.Length, 2 * _scratch.Length)];
        return _scratch;
    }

    /// <summary>Days between two spans of days, 0 when they overlap.</summary>
    private static int DaysApart(int from, int to, int otherFrom, int otherTo) =>
        to < otherFrom ? otherFrom - to : otherTo < from ? from - otherTo : 0;

    private static long Key(int space, int term) => ((long)space << 32) | (uint)term;

    /// <summary>
    /// Drops what closed stories hold (their sums and their places in the index): the clock and the count of arrivals
    /// only move forward, so a closed story is never a candidate again, and a long stream keeps only its open stories in
    /// memory. Run as the clock moves, for every closed story; with <paramref name="quietOnly"/> (the sweep every
    /// <see cref="SweepArticles"/> arrivals) only for stories gone quiet, and none is settled: a sweep merges nothing,
    /// so what an <c>Add</c> reports stays its own merges, then its splits.
    /// </summary>
    private void ReleaseClosed(bool quietOnly = false)
    {
        if (quietOnly ? _options.QuietArticles is null : _options.WindowDays is null) return;
        var kept = 0;
        var touched = new HashSet<long>();
        for (var k = 0; k < _unreleased.Count; k++)
        {
            var s = _unreleased[k];
            if (quietOnly ? !GoneQuiet(s) : IsOpen(s))
            {
                _unreleased[kept++] = s;
                continue;
            }
            var story = _stories[s];
            // A lone article's story settles as its window closes it, into a story still open (its merge releases it);
            // not once it has gone quiet for QuietArticles arrivals, when the stories of its days have long closed and
            // only later stories of its kind are left to take it (on the generated stream of a million, B-cubed
            // precision 0.945 without settling those, 0.938 with).
            if (!quietOnly && story.Size == 1 && !WithinWindow(s) && SettleLone(s)) continue;
            touched.UnionWith(story.Indexed);
            story.Release(_releasedSums, _releasedKeys);
        }
        if (kept == _unreleased.Count) return;
        _unreleased.RemoveRange(kept, _unreleased.Count - kept);
        // One pass per touched list: removing stories one by one costs a scan of a long list for each of them.
        foreach (var key in touched)
        {
            var list = _index[key];
            list.RemoveAll(s => _stories[s].Released);
            if (list.Count == 0) _index.Remove(key);
        }
    }

    private Sparse Weigh(Space space, Dictionary<int, double> counts)
    {
        if (!RarityFixed) space.Count(counts);
        return space.Weigh(counts, _articles);
    }

    private double Similarity(OpenStory story, Sparse text, Sparse participants, Sparse places, int? day, int? own)
    {
        // Shares of layers missing on either side go back to the words, so one threshold serves with and without them.
        var similarity = 0.0;
        var rest = 1.0;
        // A layer of weight 0 adds nothing and takes nothing from the words: its cosine is not worth computing.
        if (_options.ParticipantWeight != 0 && participants.Terms.Length > 0 && story.Participants.Norm > 0)
        {
            similarity += _options.ParticipantWeight * story.Participants.Cosine(participants, Scratch(participants));
            rest -= _options.ParticipantWeight;
        }
        if (_options.PlaceWeight != 0 && places.Terms.Length > 0 && story.Places.Norm > 0)
        {
            similarity += _options.PlaceWeight * story.Places.Cosine(places, Scratch(places));
            rest -= _options.PlaceWeight;
        }
        similarity += rest * story.Text.Cosine(text, Scratch(text));
        if (day is { } d && story.LastDay is { } last && _options.WindowDays is { } window && window > 0)
        {
            var gap = Math.Abs(d - last);
            if (gap <= window) similarity += _options.DateBonus * (1 - (double)gap / window);
        }
        if (own is { } o && story.FirstDated is { } from && story.LastDated is { } to && DaysApart(o, o, from, to) > _options.DateGapDays)
            similarity -= _options.DatePenalty;
        return similarity;
    }

    /// <summary>The <paramref name="k"/> heaviest terms, heaviest first (ties by term id, so the choice is stable).</summary>
    private static int[] TopTerms(Sparse vector, int k)
    {
        var (terms, weights) = (vector.Terms, vector.Weights);
        var top = new int[Math.Min(k, terms.Length)];
        var topWeights = new double[top.Length];
        var filled = 0;
        // Insertion into a short sorted list: k is small, so this beats sorting the whole vector.
        for (var i = 0; i < terms.Length; i++)
        {
            var (t, w) = (terms[i], weights[i]);
            var at = filled;
            while (at > 0 && (w > topWeights[at - 1] || (w == topWeights[at - 1] && t < top[at - 1]))) at--;
            if (at == top.Length) continue;
            var last = Math.Min(filled, top.Length - 1);
            for (var j = last; j > at; j--)
            {
                top[j] = top[j - 1];
                topWeights[j] = topWeights[j - 1];
            }
            top[at] = t;
            topWeights[at] = w;
            if (filled < top.Length) filled++;
        }
        return top;
    }
}
