namespace Dossier.Annotate;

/// <summary>
/// The tags a perceptron pass decodes in. Its output is always IOB2 (<see cref="EntityTags"/>); inside, a pass may tell
/// the last word of a name and a one-word name apart (BILOU: Begin, Inside, Last, Outside, Unit; Ratinov and Roth 2009),
/// which gives the weights a name's right edge to learn from.
/// </summary>
public sealed class TagScheme
{
    /// <summary>IOB2 itself: O, then B- and I- for each type.</summary>
    public static TagScheme Iob2 { get; } = new("iob2", EntityTags.Count, EntityTags.Allowed, _ => true, iob => [.. iob], tags => tags, EntityTags.Name);

    /// <summary>BILOU: O, then B-, I-, L- and U- for each type (17 tags).</summary>
    public static TagScheme Bilou { get; } = new("bilou", 1 + 4 * 4, BilouAllowed, BilouCanEnd, BilouFromIob, BilouToIob, BilouName);

    private readonly bool[] _allowed; // (previous + 1) * Count + tag; previous -1 is the sentence start
    private readonly bool[] _canEnd;
    private readonly Func<IReadOnlyList<int>, int[]> _fromIob;
    private readonly Func<int[], int[]> _toIob;
    private readonly string[] _names;

    private TagScheme(string name, int count, Func<int, int, bool> allowed, Func<int, bool> canEnd, Func<IReadOnlyList<int>, int[]> fromIob, Func<int[], int[]> toIob,
        Func<int, string> tagName)
    {
        _names = [.. Enumerable.Range(0, count).Select(tagName)];
        Name = name;
        Count = count;
        _allowed = new bool[(count + 1) * count];
        for (var p = -1; p < count; p++)
            for (var t = 0; t < count; t++) _allowed[(p + 1) * count + t] = allowed(p, t);
        _canEnd = [.. Enumerable.Range(0, count).Select(canEnd)];
        _fromIob = fromIob;
        _toIob = toIob;
    }

    public string Name { get; }

    public int Count { get; }

    /// <summary>Whether <paramref name="tag"/> may follow <paramref name="previous"/> (-1: the sentence start).</summary>
    public bool Allowed(int previous, int tag) => _allowed[(previous + 1) * Count + tag];

    /// <summary>A tag's name: "O", "B-PER", "U-LOC", ...</summary>
    public string TagName(int tag) => _names[tag];

    /// <summary>Whether a sentence may end on <paramref name="tag"/>.</summary>
    public bool CanEnd(int tag) => _canEnd[tag];

    /// <summary>A sentence's IOB2 tags in this scheme.</summary>
    public int[] FromIob(IReadOnlyList<int> iob) => _fromIob(iob);

    /// <summary>A sentence's tags in this scheme as IOB2.</summary>
    public int[] ToIob(int[] tags) => _toIob(tags);

    public static TagScheme OfCount(int count) => count == Iob2.Count ? Iob2 : count == Bilou.Count ? Bilou
        : throw new InvalidDataException($"no tag scheme has {count} tags");

    // BILOU tag t > 0 is type (t - 1) / 4 and part (t - 1) % 4: 0 B, 1 I, 2 L, 3 U.
    private static int Part(int tag) => (tag - 1) % 4;

    private static int TypeIndex(int tag) => (tag - 1) / 4;

    private static bool Open(int tag) => tag != EntityTags.Outside && Part(tag) is 0 or 1;

    private static bool BilouAllowed(int previous, int tag)
    {
        var continues = tag != EntityTags.Outside && Part(tag) is 1 or 2;
        if (previous < 0 || !Open(previous)) return !continues;
        return continues && TypeIndex(previous) == TypeIndex(tag);
    }

    private static bool BilouCanEnd(int tag) => !Open(tag);

    private static string BilouName(int tag) => tag == EntityTags.Outside ? "O" : $"{"BILU"[Part(tag)]}-{(Dossier.Model.EntityType)TypeIndex(tag)}";

    private static int[] BilouFromIob(IReadOnlyList<int> iob)
    {
        var result = new int[iob.Count];
        foreach (var (first, end, type) in EntityTags.Chunks(iob))
        {
            var start = 1 + 4 * (int)type;
            if (end - first == 1) { result[first] = start + 3; continue; }
            result[first] = start;
            for (var k = first + 1; k < end - 1; k++) result[k] = start + 1;
            result[end - 1] = start + 2;
        }
        return result;
    }

    private static int[] BilouToIob(int[] tags)
    {
        var result = new int[tags.Length];
        for (var k = 0; k < tags.Length; k++)
        {
            if (tags[k] == EntityTags.Outside) continue;
            var begin = 1 + 2 * TypeIndex(tags[k]);
            result[k] = Part(tags[k]) is 0 or 3 ? begin : begin + 1;
        }
        return result;
    }
}
