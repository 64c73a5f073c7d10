using Dossier.Model;

namespace Dossier.Group;

/// <summary>
/// Near-duplicates found one arriving article at a time (<see cref="NearDuplicateDetector.Start"/>): keeps the LSH band
/// buckets and the shingle sets of the articles seen within the window and links an arriving article to the original
/// of its most similar earlier one, by the detector's rule. An article can only be the copy of one seen before it, so
/// the earliest arrival of a group is its original; <see cref="NearDuplicateDetector.Find"/> feeds a batch in the
/// order in which originals are chosen (earliest published, longest, smallest id) and so links the same way.
/// <para>
/// With <see cref="NearDuplicateOptions.WindowDays"/> an article stops being a candidate once the latest day seen is
/// more than that many days after its own (an undated one counts as of the latest day when it arrived) and its memory
/// is released in arrival order; <see cref="NearDuplicateOptions.MaxArticles"/> caps how many are kept whatever
/// their days.
/// </para>
/// </summary>
public sealed class NearDuplicateStream
{
    private readonly NearDuplicateDetector _detector;
    private readonly int _rows;
    private readonly int _bands;
    private readonly int? _windowDays;
    private readonly int? _maxArticles;
    // Per band, bucket key -> latest article in it (arrival number); earlier ones are chained through the slots.
    private readonly Dictionary<ulong, long>[] _heads;
    private readonly Dictionary<string, long> _originalByHash = new(StringComparer.Ordinal);
    private readonly List<ulong> _shingles = [];
    private readonly ulong[] _keys;

    // The articles kept, in a ring indexed by arrival number & _mask: arrivals _oldest .. _next - 1.
    private Seen[] _seen;
    private long[] _chain; // slot * bands + band -> the previous arrival in that band's bucket, -1 at the end
    private long _mask;
    private long _oldest;
    private long _next;
    private int? _clock;
    private int? _firstDay;

    private struct Seen
    {
        public string Id;
        public ulong[]? Shingles;
        public ulong[]? Keys;
        public string? RegisteredHash;
        public int? Day;
        public long Original; // arrival number of its original, -1 when it is one
        public string? OriginalId;
        public long Stamp;
    }

    internal NearDuplicateStream(NearDuplicateDetector detector, NearDuplicateOptions options, int rows)
    {
        _detector = detector;
        _rows = rows;
        _bands = options.HashCount / rows;
        _windowDays = options.WindowDays;
        _maxArticles = options.MaxArticles;
        _heads = new Dictionary<ulong, long>[_bands];
        for (var b = 0; b < _bands; b++) _heads[b] = [];
        _keys = new ulong[_bands];
        _seen = new Seen[16];
        _chain = new long[16 * _bands];
        _mask = 15;
    }

    /// <summary>How many articles are kept as possible originals (memory is bounded by the window).</summary>
    public int Count => (int)(_next - _oldest);

    /// <summary>The latest article day seen (day number), or null before any dated article.</summary>
    public int? Clock => _clock;

    /// <summary>Adds the next article; returns its link to the original when it is a copy of an article kept, else null.</summary>
    public DuplicateLink? Add(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var own = article.Published is { Precision: DatePrecision.Day } p ? p.Date.DayNumber : (int?)null;
        if (own is { } d && (_clock is null || d > _clock))
        {
            _clock = d;
            _firstDay ??= d;
            Forget();
        }
        var day = own ?? _clock;
        var seq = _next;

        var contentHash = article.ContentHash;
        if (!string.IsNullOrEmpty(contentHash) && _originalByHash.TryGetValue(contentHash, out var same) && IsCandidate(same))
        {
            var sameId = _seen[same & _mask].Id;
            Keep(seq, article.Id, day, null, same, sameId, null);
            return new DuplicateLink(article.Id, sameId, 1.0);
        }

        _detector.Shingle(article.Text, _shingles);
        var best = -1L;
        string? bestId = null;
        var bestSimilarity = 0.0;
        var hasSignature = _shingles.Count > 0;
        if (hasSignature)
        {
            var signature = _detector.Sign(_shingles);
            for (var b = 0; b < _bands; b++)
            {
                _keys[b] = NearDuplicateDetector.BandKey(signature, b * _rows, _rows);
                if (!_heads[b].TryGetValue(_keys[b], out var candidate)) continue;
                for (; candidate >= _oldest; candidate = _chain[(candidate & _mask) * _bands + b])
                {
                    ref var seen = ref _seen[candidate & _mask];
                    if (seen.Stamp == seq) continue;
                    seen.Stamp = seq;
                    if (!InWindow(seen.Day)) continue;
                    var similarity = _detector.Similarity(_shingles, seen.Shingles!);
                    var original = seen.Original >= 0 ? seen.Original : candidate;
                    // Equal scores go to the original seen first, as the batch gives them to the first in its order.
                    if (similarity > bestSimilarity || (similarity == bestSimilarity && similarity > 0 && original < best))
                    {
                        best = original;
                        bestId = seen.Original >= 0 ? seen.OriginalId : seen.Id;
                        bestSimilarity = similarity;
                    }
                }
            }
        }

        string? registered = null;
        if (best < 0 && !string.IsNullOrEmpty(contentHash))
        {
            _originalByHash[contentHash] = seq;
            registered = contentHash;
        }
        Keep(seq, article.Id, day, hasSignature ? [.. _shingles] : null, best, bestId, registered);
        return best >= 0 ? new DuplicateLink(article.Id, bestId!, Math.Round(bestSimilarity, 4)) : null;
    }

    private bool IsCandidate(long seq) => seq >= _oldest && InWindow(_seen[seq & _mask].Day);

    private bool InWindow(int? day) =>
        _windowDays is not { } window || _clock is not { } now || (day ?? _firstDay) is not { } d || now - d <= window;

    private void Keep(long seq, string id, int? day, ulong[]? shingles, long original, string? originalId, string? registered)
    {
        if (_next - _oldest == _seen.Length) Grow();
        var slot = seq & _mask;
        _seen[slot] = new Seen
        {
            Id = id, Shingles = shingles, Day = day, Original = original, OriginalId = originalId,
            RegisteredHash = registered, Stamp = -1, Keys = shingles is null ? null : (ulong[])_keys.Clone(),
        };
        if (shingles is not null)
        {
            var row = slot * _bands;
            for (var b = 0; b < _bands; b++)
            {
                _chain[row + b] = _heads[b].TryGetValue(_keys[b], out var previous) ? previous : -1;
                _heads[b][_keys[b]] = seq;
            }
        }
        _next = seq + 1;
        if (_maxArticles is { } max) while (_next - _oldest > max) Drop();
    }

    /// <summary>Releases, in arrival order, the articles that have left the window.</summary>
    private void Forget()
    {
        if (_windowDays is null) return;
        while (_oldest < _next && !InWindow(_seen[_oldest & _mask].Day)) Drop();
    }

    private void Drop()
    {
        ref var seen = ref _seen[_oldest & _mask];
        if (seen.Keys is { } keys)
            for (var b = 0; b < _bands; b++)
                if (_heads[b].TryGetValue(keys[b], out var head) && head == _oldest) _heads[b].Remove(keys[b]); // the whole chain is older
        if (seen.RegisteredHash is { } hash && _originalByHash.TryGetValue(hash, out var registered) && registered == _oldest)
            _originalByHash.Remove(hash);
        seen = default;
        _oldest++;
    }

    private void Grow()
    {
        var length = _seen.Length * 2;
        var seen = new Seen[length];
        var chain = new long[length * _bands];
        var mask = (long)length - 1;
        for (var s = _oldest; s < _next; s++)
        {
            seen[s & mask] = _seen[s & _mask];
            Array.Copy(_chain, (s & _mask) * _bands, chain, (s & mask) * _bands, _bands);
        }
        _seen = seen;
        _chain = chain;
        _mask = mask;
    }
}
