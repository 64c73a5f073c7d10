namespace Dossier.Group;

// The stream's vectors: an article's sparse unit vectors, the vocabularies with their frequencies so far, the open
// stories, and their summed vectors (the rest of the stream is in StoryStream.cs).
public sealed partial class StoryStream
{
    /// <summary>An article's unit vector in one space: its terms in the order first met, and their weights.</summary>
    private readonly record struct Sparse(int[] Terms, double[] Weights)
    {
        public static Sparse Empty { get; } = new([], []);
    }

    /// <summary>One vocabulary with its document frequencies so far, starting from a background's when given.</summary>
    private sealed class Space
    {
        public Dictionary<string, int> Vocabulary { get; } = new(StringComparer.Ordinal);
        private readonly List<int> _documentFrequency = [];

        /// <summary>How many articles the background counted (0 without one): they count with the stream's.</summary>
        private readonly int _backgroundArticles;

        public Space(DocumentFrequencies? background = null)
        {
            if (background is null) return;
            _backgroundArticles = background.Documents;
            // Numbered in stem order, before any article: a stream and its replay number words alike.
            foreach (var (stem, count) in background.Stems)
            {
                Vocabulary[stem] = Vocabulary.Count;
                _documentFrequency.Add(count);
            }
        }

        /// <summary>Reused to count each article: a fresh table per article was a fifth of the work, mostly resizing.</summary>
        public Dictionary<int, double> Counts { get; } = [];

        public void Count(Dictionary<int, double> counts)
        {
            while (_documentFrequency.Count < Vocabulary.Count) _documentFrequency.Add(0);
            foreach (var id in counts.Keys) _documentFrequency[id]++;
        }

        /// <summary>
        /// The unit TF-IDF vector of the counts, with the document frequencies as they now stand, over the stream's
        /// <paramref name="articles"/> and the background's.
        /// </summary>
        public Sparse Weigh(Dictionary<int, double> counts, int articles)
        {
            articles = Math.Max(1, articles + _backgroundArticles);
            while (_documentFrequency.Count < Vocabulary.Count) _documentFrequency.Add(0);
            var terms = new int[counts.Count];
            var weights = new double[counts.Count];
            var norm = 0.0;
            var k = 0;
            foreach (var (id, tf) in counts)
            {
                var idf = Math.Log((1.0 + articles) / (1.0 + _documentFrequency[id])) + 1.0;
                var w = (1.0 + Math.Log(Math.Max(1.0, tf))) * idf; // a count below one weighs as one, as in TermVectors
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

        /// <summary>
        /// Forgets the sums and keys of a closed story; its dates stay, so it still reads as closed. The empty sums and
        /// keys are the stream's, shared by all released stories (nothing is ever added to a closed story), so a
        /// released story costs one small record.
        /// </summary>
        public void Release(Centroid empty, HashSet<long> noKeys)
        {
            Members = null;
            Text = Participants = Places = empty;
            Indexed = noKeys;
            Released = true;
        }

        public int? LastDay { get; set; }
        public int? MergedInto { get; set; }
        public int Size { get; set; }
        public int? FirstDated { get; set; }
        public int? LastDated { get; set; }

        /// <summary>Its articles in order of arrival while it may still split; null once it no longer may.</summary>
        public List<Member>? Members { get; set; }

        /// <summary>The ordinal of the last article that joined it (or of its latest article, once rebuilt by a split).</summary>
        public int LastJoined { get; set; }

        /// <summary>The size at which it is next checked for a split.</summary>
        public int NextSplitCheck { get; set; }

        /// <summary>A story holding exactly these articles, with their sums, keys and dates, as if they had come alone.</summary>
        public static OpenStory Of(List<Member> members, bool participants, bool places)
        {
            var story = new OpenStory { Members = members, Size = members.Count };
            foreach (var member in members)
            {
                story.Text.Add(member.Text);
                if (participants) story.Participants.Add(member.Participants);
                if (places) story.Places.Add(member.Places);
                foreach (var key in member.Keys) story.Indexed.Add(key);
                story.LastJoined = Math.Max(story.LastJoined, member.Ordinal);
                if (member.Day is { } day && (story.LastDay is null || day > story.LastDay)) story.LastDay = day;
                if (member.Own is { } dated)
                {
                    story.FirstDated = Math.Min(story.FirstDated ?? dated, dated);
                    story.LastDated = Math.Max(story.LastDated ?? dated, dated);
                }
            }
            return story;
        }
    }

    /// <summary>
    /// One article of a story that may still split: its ordinal, its vectors and look-up keys as it arrived, its arrival
    /// day and own date, and the names it uses.
    /// </summary>
    private sealed record Member(
        int Ordinal, Sparse Text, Sparse Participants, Sparse Places, long[] Keys, int? Day, int? Own, string[] Names);

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

        /// <summary>The sums as a sparse vector (in slot order), to add one story's sums to another's.</summary>
        public Sparse ToSparse()
        {
            var terms = new int[_count];
            var weights = new double[_count];
            var k = 0;
            foreach (var entry in _entries)
            {
                if (entry.Term == 0) continue;
                terms[k] = entry.Term - 1;
                weights[k++] = entry.Sum;
            }
            return new Sparse(terms, weights);
        }

        /// <summary>Cosine of two stories' sums: walks the smaller one's slots and looks each term up in the other.</summary>
        public double Cosine(Centroid other)
        {
            if (_squares <= 0 || other._squares <= 0) return 0;
            var (small, large) = _count <= other._count ? (this, other) : (other, this);
            var dot = 0.0;
            foreach (var entry in small._entries)
            {
                if (entry.Term == 0) continue;
                ref var found = ref large._entries[large.Find(entry.Term - 1, Hash(entry.Term - 1))];
                if (found.Term != 0) dot += entry.Sum * found.Sum;
            }
            return dot / Math.Sqrt(_squares * other._squares);
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
