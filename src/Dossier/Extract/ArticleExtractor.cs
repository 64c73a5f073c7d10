using Dossier.Extract.Html;
using Dossier.Ingest;
using Dossier.Model;

namespace Dossier.Extract;

/// <summary>The extraction stage: web pages through <see cref="HtmlExtractor"/>, text and Markdown through <see cref="PlainTextExtractor"/>.</summary>
public sealed class ArticleExtractor(TimeProvider clock, PlainTextExtractorOptions? text = null, HtmlExtractorOptions? html = null)
{
    private readonly PlainTextExtractor _text = new(text);
    private readonly HtmlExtractor _html = new(clock, html);

    public HtmlExtractor Html => _html;

    public Article Extract(SourceDocument document) => Extract(document, DocumentBudget.Unlimited);

    /// <summary>Extracts the article, checking <paramref name="budget"/> between the steps.</summary>
    public Article Extract(SourceDocument document, DocumentBudget budget)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(budget);
        if (string.Equals(document.Format, "html", StringComparison.OrdinalIgnoreCase)) return _html.Extract(document, budget);
        var article = _text.Extract(document);
        budget.Check("extract: text");
        var hints = document.Hints;
        if (ReferenceEquals(hints, SourceHints.None)) return article;
        // A feed item or JSON line in plain text: what the container says fills what the text lacks.
        return article with
        {
            Title = hints.Title ?? article.Title,
            Url = hints.Url ?? article.Url,
            CanonicalUrl = hints.Url ?? article.CanonicalUrl,
            Site = hints.Site ?? article.Site ?? HtmlExtractor.SiteOf(hints.Url),
            Authors = hints.Authors.Count > 0 ? hints.Authors : article.Authors,
            Byline = hints.Authors.Count > 0 ? string.Join(", ", hints.Authors) : article.Byline,
            Published = HtmlExtractor.FromHint(hints.Published) ?? article.Published,
            Language = HtmlExtractor.LanguageOf(hints.Language) ?? article.Language,
        };
    }
}
