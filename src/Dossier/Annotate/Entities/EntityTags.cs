using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>The IOB2 tag set of the entity tagger: O, then B- and I- for PER, ORG, LOC and MISC.</summary>
public static class EntityTags
{
    public const int Count = 9;
    public const int Outside = 0;

    private static readonly string[] Names = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

    public static string Name(int tag) => Names[tag];

    /// <summary>The tag index of an IOB name; IOB1-style I- tags read as themselves, unknown names as O.</summary>
    public static int Parse(string name)
    {
        var i = Array.IndexOf(Names, name);
        return i < 0 ? Outside : i;
    }

    public static bool IsBegin(int tag) => tag != Outside && tag % 2 == 1;

    public static bool IsInside(int tag) => tag != Outside && tag % 2 == 0;

    public static EntityType TypeOf(int tag) => (EntityType)((tag - 1) / 2);

    public static int Begin(EntityType type) => 1 + 2 * (int)type;

    /// <summary>IOB2 allows I-X only after B-X or I-X; the decoder never proposes anything else.</summary>
    public static bool Allowed(int previous, int tag)
        => !IsInside(tag) || (previous != Outside && previous >= 0 && TypeOf(previous) == TypeOf(tag));

    /// <summary>Token ranges and types of the entities in one sentence's tags (an I- after another type starts one).</summary>
    public static IEnumerable<(int First, int End, EntityType Type)> Chunks(IReadOnlyList<int> tags)
    {
        var start = -1;
        var type = EntityType.PER;
        for (var i = 0; i <= tags.Count; i++)
        {
            var tag = i < tags.Count ? tags[i] : Outside;
            var begins = IsBegin(tag) || (IsInside(tag) && (start < 0 || TypeOf(tag) != type));
            if (start >= 0 && (tag == Outside || begins))
            {
                yield return (start, i, type);
                start = -1;
            }
            if (begins)
            {
                start = i;
                type = TypeOf(tag);
            }
        }
    }
}
