namespace Dossier.Model;

/// <summary>A range of characters in an article's text: every layer points into the one buffer.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    public bool Contains(int position) => position >= Start && position < End;

    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;

    public bool Overlaps(TextSpan other) => other.Start < End && Start < other.End;

    public string Of(string text) => text.Substring(Start, Length);

    public ReadOnlySpan<char> SliceOf(string text) => text.AsSpan(Start, Length);

    public override string ToString() => $"[{Start}..{End})";
}
