using Dossier.Model;

namespace Dossier.Extract.Html;

/// <summary>A page's main content: the body text once, its blocks as spans into it, and what was left out.</summary>
public sealed record ExtractedBody(string Text, IReadOnlyList<TextBlock> Blocks, IReadOnlyList<RemovedText> Removed)
{
    public static readonly ExtractedBody Empty = new("", [], []);
}
