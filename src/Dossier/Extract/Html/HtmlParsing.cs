using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Dossier.Extract.Html;

/// <summary>Parses HTML with AngleSharp's standards-compliant parser, without scripts, styles or network access.</summary>
public sealed class HtmlParsing
{
    private readonly HtmlParser _parser = new(new HtmlParserOptions
    {
        IsScripting = false,
        IsKeepingSourceReferences = false,
    });

    public IDocument Parse(string html) => _parser.ParseDocument(html ?? "");
}
