using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Dossier.Extract.Html;

/// <summary>
/// Parses HTML with AngleSharp's standards-compliant parser, without scripts, styles or network access; markup nested
/// deeper than a browser would build is flattened first (<see cref="NestingGuard"/>).
/// </summary>
public sealed class HtmlParsing(NestingGuard? guard = null)
{
    private readonly NestingGuard _guard = guard ?? new NestingGuard();

    private readonly HtmlParser _parser = new(new HtmlParserOptions
    {
        IsScripting = false,
        IsKeepingSourceReferences = false,
        // Nothing downstream reads comments, style sheets or source positions; scripts stay, for JSON-LD.
        SkipComments = true,
        SkipRawText = true,
        DisableElementPositionTracking = true,
    });

    public IDocument Parse(string html) => _parser.ParseDocument(_guard.Flatten(html ?? ""));
}
