using Dossier.Eval;
using Dossier.Extract.Html;
using Dossier.Ingest;
using SmartReader;

namespace Dossier.Bench.Extract;

/// <summary>One extractor under test: a page's bytes and URL in, its article body as plain text out.</summary>
public interface IPageExtraction
{
    string Extract(AebPage page);
}

/// <summary>Our extractor as `dossier extract` and eval/run aeb use it: decode the bytes, then metadata and main content.</summary>
public sealed class DossierExtraction : IPageExtraction
{
    private readonly HtmlExtractor _extractor = new(TimeProvider.System);

    public string Extract(AebPage page)
    {
        return _extractor.Extract(AebEval.DocumentOf(page)).Text;
    }
}

/// <summary>SmartReader (a C# port of Readability.js on AngleSharp), offline: it is given the HTML and URL, it fetches nothing.</summary>
public sealed class SmartReaderExtraction : IPageExtraction
{
    public string Extract(AebPage page)
    {
        // Decoded the same way as ours, so both start from the same bytes and differ only in the extraction.
        var html = HtmlText.Decode(page.Html, null);
        var article = new Reader(page.Url, html).GetArticle();
        return article.TextContent ?? "";
    }
}
