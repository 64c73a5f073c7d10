using Dossier.Model;

namespace Dossier.Group;

/// <summary>
/// Settings of the online story clusterer. An article's similarity to a story blends the cosine of its words with
/// the story's words, of its participants (people, organisations, other names) with the story's, and of its places
/// with the story's, plus a bonus when it is dated close to the story's last article. Weights and threshold were
/// fitted on ECB+ topics 1-35 by grid search (`eval/run cluster --fit`), checked by fitting on odd topics and
/// scoring even ones and the reverse.
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

    /// <summary>Bonus for an article dated on the day of the story's last article, falling linearly to 0 at the window's end.</summary>
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
    /// candidate (null: stories never close). Article time is the published date; an undated article arrives at the
    /// last time seen. Off by default because on ECB+ every window lowered B-cubed F1 (0.908 without; 0.847 at 730
    /// days, 0.773 at 30): its dates are found in the text, and one wrong year moves the clock past open stories.
    /// Set it for a live feed with publication dates from metadata.
    /// </summary>
    public int? WindowDays { get; init; }

    /// <summary>How many of an article's heaviest words it uses to look stories up (its entities are always used).</summary>
    public int CandidateTerms { get; init; } = 10;

    /// <summary>A term indexing more open stories than this proposes none: keeps the look-up from growing with the stream.</summary>
    public int MaxCandidateStories { get; init; } = 200;

    /// <summary>Extra weight of headline words, which name the event more often than body words do.</summary>
    public double TitleWeight { get; init; } = 2.0;

    /// <summary>Extra weight of a capitalised word not opening a sentence: names tell two events of one kind apart.</summary>
    public double NameWeight { get; init; } = 3.0;

    /// <summary>
    /// When clustering a batch, learn how rare words are from the whole batch before streaming it (the stream's
    /// decisions still come one article at a time); false learns rarity only from the articles seen so far.
    /// </summary>
    public bool LearnRarityFromBatch { get; init; } = true;
}

/// <summary>
/// Clusters articles into stories one at a time, in order of arrival: each article is compared only with the open
/// stories that share one of its distinctive words or entities (found through an inverted index), joins the most
/// similar above the threshold or opens a new story. Nothing is recomputed when an article arrives.
/// </summary>
public sealed class OnlineStoryClusterer(OnlineStoryOptions options) : IStoryClusterer
{
    public OnlineStoryClusterer() : this(new OnlineStoryOptions()) { }

    /// <summary>A new, empty stream of stories.</summary>
    public StoryStream Start() => new(options);

    /// <summary>
    /// A new stream that knows how rare words are from <paramref name="background"/> articles before the first one
    /// arrives: without it the first articles of a stream are weighed with almost no evidence of rarity.
    /// </summary>
    public StoryStream Start(IEnumerable<AnnotatedArticle> background)
    {
        var stream = new StoryStream(options);
        foreach (var article in background) stream.Learn(article);
        stream.RarityFixed = true;
        return stream;
    }

    /// <summary>
    /// Streams a batch in order of published date, then id; an undated article arrives at the date of the article
    /// before it in id order (the last time seen). Returns clusters as lists of indexes into
    /// <paramref name="articles"/>, members ascending, clusters by their first member; every article in exactly one.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> Cluster(IReadOnlyList<AnnotatedArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var n = articles.Count;
        if (n == 0) return [];
        var byId = Enumerable.Range(0, n).ToArray();
        Array.Sort(byId, (x, y) =>
        {
            var c = string.CompareOrdinal(articles[x].Article.Id, articles[y].Article.Id);
            if (c == 0) c = string.CompareOrdinal(articles[x].Article.Text, articles[y].Article.Text);
            return c != 0 ? c : x.CompareTo(y);
        });
        // The arrival day of undated articles: the last day seen in id order, or the first day for those before it.
        var arrival = new int[n];
        int? last = byId.Select(i => StoryStream.DayOf(articles[i])).FirstOrDefault(d => d is not null) ?? 0;
        for (var k = 0; k < n; k++)
        {
            var i = byId[k];
            last = StoryStream.DayOf(articles[i]) ?? last;
            arrival[i] = last.Value;
        }
        var order = byId.Select((i, rank) => (i, rank)).OrderBy(p => arrival[p.i]).ThenBy(p => p.rank).Select(p => p.i).ToList();

        var stream = options.LearnRarityFromBatch ? Start(articles) : Start();
        var storyOf = new int[n];
        foreach (var i in order) storyOf[i] = stream.Add(articles[i]);
        var clusters = new List<List<int>>();
        var clusterOf = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            if (!clusterOf.TryGetValue(storyOf[i], out var members))
            {
                clusterOf[storyOf[i]] = members = [];
                clusters.Add(members);
            }
            members.Add(i);
        }
        return clusters;
    }
}

/// <summary>
/// The running state of online clustering: document frequencies so far, the stories with their summed vectors, and
/// the index from words and entities to the open stories holding them. Each article is weighted with the document
/// frequencies as they stand when it arrives, so adding an article never changes an earlier decision or its inputs.
/// </summary>
/// <remarks>
/// What grows with the stream is only what must: the vocabularies and their document frequencies (new names keep
/// coming) and one small record of dates per story ever opened. The sums and index entries of closed stories are
/// released, so the work per article is bounded by the open stories, not by the stream so far.
/// </remarks>
public sealed class StoryStream
{
    private const int TextSpace = 0;
    private const int ParticipantSpace = 1;
    private const int PlaceSpace = 2;

    private readonly OnlineStoryOptions _options;
    private readonly Space _text = new();
    private readonly Space _participants = new();
    private readonly Space _places = new();
    private readonly List<OpenStory> _stories = [];
    private readonly Dictionary<long, List<int>> _index = [];
    private readonly List<int> _stamp = [];
    private readonly List<int> _unreleased = [];
    private readonly List<long> _keys = [];
    private int[] _scratch = [];
    private int _articles;
    private int _arrived;
    private int? _clock;

    internal StoryStream(OnlineStoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>How many stories have been opened.</summary>
    public int StoryCount => _stories.Count;

    /// <summary>The latest article day seen (day number), or null before any dated article.</summary>
    public int? Clock => _clock;

    /// <summary>True while the story is still a candidate: some article joined it within the window of the clock.</summary>
    public bool IsOpen(int story) =>
        _options.WindowDays is not { } window || _stories[story].LastDay is not { } day || _clock is not { } now || now - day <= window;

    /// <summary>How many stories the index still holds: closed stories leave it when the clock passes their window.</summary>
    internal int IndexedStories => _unreleased.Count;

    internal static int? DayOf(AnnotatedArticle article) =>
        article.Article.Published is { Precision: DatePrecision.Day } p ? p.Date.DayNumber : null;

    /// <summary>Counts an article into the document frequencies only (it joins no story).</summary>
    internal void Learn(AnnotatedArticle article)
    {
        _articles++;
        _text.Count(TermVectors.CountText(article, _options.TitleWeight, _options.NameWeight, _text.Vocabulary, _text.Counts));
        _participants.Count(TermVectors.CountEntities(article, t => t != EntityType.LOC, _participants.Vocabulary, _participants.Counts));
        _places.Count(TermVectors.CountEntities(article, t => t == EntityType.LOC, _places.Vocabulary, _places.Counts));
    }

    /// <summary>True when rarity was learnt from background articles: arriving articles then no longer change it.</summary>
    internal bool RarityFixed { get; set; }

    /// <summary>Adds the next article and returns the number of the story it joined or opened.</summary>
    public int Add(AnnotatedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        _arrived++;
        if (!RarityFixed) _articles++;
        var text = Weigh(_text, TermVectors.CountText(article, _options.TitleWeight, _options.NameWeight, _text.Vocabulary, _text.Counts));
        var participants = Weigh(_participants, TermVectors.CountEntities(article, t => t != EntityType.LOC, _participants.Vocabulary, _participants.Counts));
        var places = Weigh(_places, TermVectors.CountEntities(article, t => t == EntityType.LOC, _places.Vocabulary, _places.Counts));
        var own = DayOf(article);
        var day = own ?? _clock;
        if (day is { } d && (_clock is null || d > _clock))
        {
            _clock = d;
            ReleaseClosed();
        }

        var keys = _keys;
        keys.Clear();
        foreach (var t in TopTerms(text, _options.CandidateTerms)) keys.Add(Key(TextSpace, t));
        foreach (var t in participants.Terms) keys.Add(Key(ParticipantSpace, t));
        foreach (var t in places.Terms) keys.Add(Key(PlaceSpace, t));

        var best = -1;
        var bestSimilarity = double.NegativeInfinity;
        var visit = _arrived;
        foreach (var key in keys)
        {
            // The index holds open stories only (ReleaseClosed runs whenever the clock moves), so no filtering here.
            if (!_index.TryGetValue(key, out var stories) || stories.Count > _options.MaxCandidateStories) continue;
            foreach (var s in stories)
            {
                if (_stamp[s] == visit) continue;
                _stamp[s] = visit;
                var similarity = Similarity(_stories[s], text, participants, places, day, own);
                if (similarity > bestSimilarity || (similarity == bestSimilarity && s < best))
                {
                    best = s;
                    bestSimilarity = similarity;
                }
            }
        }

        if (best < 0 || bestSimilarity < _options.Threshold)
        {
            best = _stories.Count;
            _stories.Add(new OpenStory());
            _stamp.Add(visit);
            _unreleased.Add(best);
        }
        var story = _stories[best];
        story.Text.Add(text);
        // A layer of weight 0 is never read (see Similarity): summing it would only cost time and memory.
        if (_options.ParticipantWeight != 0) story.Participants.Add(participants);
        if (_options.PlaceWeight != 0) story.Places.Add(places);
        if (day is { } dd)
        {
            story.LastDay = dd;
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
        return best;
    }

    /// <summary>Room for one entry per term of the vector, reused across articles.</summary>
    private int[] Scratch(Sparse vector)
    {
        if (_scratch.Length < vector.Terms.Length) _scratch = new int[Math.Max(vector.Terms.Length, 2 * _scratch.Length)];
        return _scratch;
    }

    private static long Key(int space, int term) => ((long)space << 32) | (uint)term;

    /// <summary>
    /// Drops what closed stories hold (their sums and their places in the index): the clock only moves forward, so a
    /// closed story is never a candidate again, and a long stream keeps only its open stories in memory.
    /// </summary>
    private void ReleaseClosed()
    {
        if (_options.WindowDays is null) return;
        var kept = 0;
        var touched = new HashSet<long>();
        for (var k = 0; k < _unreleased.Count; k++)
        {
            var s = _unreleased[k];
            if (IsOpen(s))
            {
                _unreleased[kept++] = s;
                continue;
            }
            var story = _stories[s];
            touched.UnionWith(story.Indexed);
            story.Release();
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
        return space.Weigh(counts, Math.Max(1, _articles));
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
            if (gap <= window) similarity += _options.DateBonus * (1 - (double)gap / (window + 1));
        }
        if (own is { } o && story.FirstDated is { } from && story.LastDated is { } to)
        {
            var distance = o < from ? from - o : o > to ? o - to : 0;
            if (distance > _options.DateGapDays) similarity -= _options.DatePenalty;
        }
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

    /// <summary>An article's unit vector in one space: its terms in the order first met, and their weights.</summary>
    private readonly record struct Sparse(int[] Terms, double[] Weights);

    /// <summary>One vocabulary with its document frequencies so far.</summary>
    private sealed class Space
    {
        public Dictionary<string, int> Vocabulary { get; } = new(StringComparer.Ordinal);
        private readonly List<int> _documentFrequency = [];

        /// <summary>Reused to count each article: a fresh table per article was a fifth of the work, mostly resizing.</summary>
        public Dictionary<int, double> Counts { get; } = [];

        public void Count(Dictionary<int, double> counts)
        {
            while (_documentFrequency.Count < Vocabulary.Count) _documentFrequency.Add(0);
            foreach (var id in counts.Keys) _documentFrequency[id]++;
        }

        /// <summary>The unit TF-IDF vector of the counts, with the document frequencies as they now stand.</summary>
        public Sparse Weigh(Dictionary<int, double> counts, int articles)
        {
            while (_documentFrequency.Count < Vocabulary.Count) _documentFrequency.Add(0);
            var terms = new int[counts.Count];
            var weights = new double[counts.Count];
            var norm = 0.0;
            var k = 0;
            foreach (var (id, tf) in counts)
            {
                var idf = Math.Log((1.0 + articles) / (1.0 + _documentFrequency[id])) + 1.0;
                var w = (1.0 + Math.Log(Math.Max(1.0, tf))) * idf;
                terms[k] = id;
                weights[k++] = w;
                norm += w * w;
            }
            norm = Math.Sqrt(norm);
            if (norm > 0)
                for (var i = 0; i < weights.Length; i++) weights[i] /= norm;
            return new Sparse(terms, weights);
        }
    }

    private sealed class OpenStory
    {
        public Centroid Text { get; private set; } = new();
        public Centroid Participants { get; private set; } = new();
        public Centroid Places { get; private set; } = new();
        public HashSet<long> Indexed { get; private set; } = [];
        public bool Released { get; private set; }

        /// <summary>Forgets the sums and keys of a closed story; its dates stay, so it still reads as closed.</summary>
        public void Release()
        {
            Text = Participants = Places = new Centroid();
            Indexed = [];
            Released = true;
        }

        public int? LastDay { get; set; }
        public int? FirstDated { get; set; }
        public int? LastDated { get; set; }
    }

    /// <summary>
    /// The sum of the members' unit vectors, with its squared length kept up to date as members join. Looking an
    /// article's terms up in the candidates' sums is most of the stream's work, and most terms are absent (about 7 in
    /// 8): an open-address table answers with one memory access, and a bit filter of 4 bits a slot (an eighth of the
    /// table's size, so it stays in cache) answers most absent terms without touching the table.
    /// </summary>
    private sealed class Centroid
    {
        private Entry[] _entries = [];
        private ulong[] _filter = [];
        private int _shift = 32; // a hash's top (32 - _shift) bits pick its slot
        private int _count;
        private double _squares;

        public double Norm => Math.Sqrt(_squares);

        public void Add(Sparse vector)
        {
            var (terms, weights) = (vector.Terms, vector.Weights);
            if (2 * (_count + terms.Length) > _entries.Length) Grow(_count + terms.Length);
            for (var k = 0; k < terms.Length; k++)
            {
                var hash = Hash(terms[k]);
                ref var entry = ref _entries[Find(terms[k], hash)];
                if (entry.Term == 0)
                {
                    entry.Term = terms[k] + 1;
                    Mark(hash);
                    _count++;
                }
                var (old, w) = (entry.Sum, weights[k]);
                entry.Sum = old + w;
                _squares += 2 * old * w + w * w;
            }
        }

        /// <summary>Cosine with a unit vector, summed in the vector's order: costs the vector's length, not the story's.</summary>
        /// <remarks>
        /// Two passes: the filter picks the terms worth looking up without a branch (it passes about 1 in 6, at random),
        /// then the look-ups run back to back, still in the vector's order.
        /// </remarks>
        public double Cosine(Sparse vector, int[] scratch)
        {
            if (_squares <= 0) return 0;
            var (terms, weights) = (vector.Terms, vector.Weights);
            var found = 0;
            for (var k = 0; k < terms.Length; k++)
            {
                var bit = Hash(terms[k]) >> (_shift - 2);
                scratch[found] = k;
                found += (int)(_filter[bit >> 6] >> (int)bit) & 1;
            }
            var dot = 0.0;
            for (var i = 0; i < found; i++)
            {
                var k = scratch[i];
                ref var entry = ref _entries[Find(terms[k], Hash(terms[k]))];
                if (entry.Term != 0) dot += weights[k] * entry.Sum;
            }
            return dot / Math.Sqrt(_squares);
        }

        // Fibonacci hashing: consecutive term ids land far apart, and the top bits are the well-mixed ones.
        private static uint Hash(int term) => (uint)term * 0x9E3779B1u;

        private void Mark(uint hash)
        {
            var bit = hash >> (_shift - 2);
            _filter[bit >> 6] |= 1UL << (int)bit;
        }

        /// <summary>The slot holding the term, or the empty slot where it would go (linear probing).</summary>
        private int Find(int term, uint hash)
        {
            var mask = _entries.Length - 1;
            var slot = (int)(hash >> _shift);
            while (_entries[slot].Term != 0 && _entries[slot].Term != term + 1) slot = (slot + 1) & mask;
            return slot;
        }

        private void Grow(int needed)
        {
            var old = _entries;
            var size = Math.Max(16, old.Length);
            while (size < 2 * needed) size *= 2;
            _entries = new Entry[size];
            _filter = new ulong[size / 16];
            _shift = 32 - System.Numerics.BitOperations.Log2((uint)size);
            foreach (var entry in old)
            {
                if (entry.Term == 0) continue;
                var hash = Hash(entry.Term - 1);
                _entries[Find(entry.Term - 1, hash)] = entry;
                Mark(hash);
            }
        }

        /// <summary>A slot: the term id plus one (0 marks an empty slot) and its summed weight.</summary>
        private struct Entry
        {
            public int Term;
            public double Sum;
        }
    }
}
