using AngleSharp.Dom;
using Dossier.Model;

namespace Dossier.Extract.Html;

/// <summary>Settings for finding a page's main content.</summary>
public sealed record MainContentOptions;

/// <summary>Finds the article body in a parsed page and writes it out as blocks of text.</summary>
public sealed class MainContent(MainContentOptions? options = null)
{
    private readonly MainContentOptions _options = options ?? new MainContentOptions();

    public ExtractedBody Extract(IDocument document, PageMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(metadata);
        _ = _options;
        var root = document.Body ?? document.DocumentElement;
        if (root is null) return ExtractedBody.Empty;
        var survey = new ContentSurvey(root);
        var roots = ContentScoring.Choose(survey);
        if (roots.Count == 0) roots = Paragraphs(survey);
        // A fragment without paragraphs (a feed item's description, a JSON line's html) is its own body.
        if (roots.Count == 0 && survey.Count > 0 && survey[0].Text > 0) roots = [0];
        var title = metadata.Title ?? document.Title;
        var body = Write(survey, roots, title, notes: true);
        return ContentJsonLd.ArticleBody(document) is { } stated ? Check(survey, body, stated, title) : body;
    }

    private static ExtractedBody Write(ContentSurvey survey, List<int> roots, string? title, bool notes)
    {
        var writer = new ContentWriter(survey, title);
        foreach (var r in roots) writer.Write(r);
        if (notes) NoteFurniture(survey, roots, writer);
        return writer.Finish();
    }

    /// <summary>
    /// Checks the chosen body against a long articleBody from JSON-LD: when they disagree, the scored container that agrees
    /// best is taken instead, and when none does and ours shares almost nothing with it, the stated text itself.
    /// </summary>
    private static ExtractedBody Check(ContentSurvey survey, ExtractedBody body, string stated, string? title)
    {
        var statedPairs = ContentJsonLd.Pairs(stated);
        if (statedPairs.Count < 100) return body;
        var agreement = ContentJsonLd.Agreement(statedPairs, ContentJsonLd.Pairs(body.Text));
        if (agreement >= 0.6) return body;
        var candidates = new List<int>();
        for (var i = 0; i < survey.Count; i++)
            if (survey[i].Scored || survey[i].Marker) candidates.Add(i);
        candidates.Sort((a, b) => survey[b].Score.CompareTo(survey[a].Score));
        var best = body;
        var bestAgreement = agreement;
        for (var c = 0; c < Math.Min(candidates.Count, 12); c++)
        {
            var other = Write(survey, [candidates[c]], title, notes: false);
            var score = ContentJsonLd.Agreement(statedPairs, ContentJsonLd.Pairs(other.Text));
            if (score > bestAgreement) { best = other; bestAgreement = score; }
        }
        if (bestAgreement >= 0.6 && bestAgreement > agreement + 0.15) return best with { Removed = [.. body.Removed, new RemovedText(body.Text, "disagrees with the page's articleBody")] };
        if (agreement < 0.3 && !stated.Contains('<', StringComparison.Ordinal)) return Stated(stated, body);
        return body;
    }

    /// <summary>The JSON-LD articleBody as the body, a paragraph per line.</summary>
    private static ExtractedBody Stated(string stated, ExtractedBody body)
    {
        var text = new System.Text.StringBuilder();
        var blocks = new List<TextBlock>();
        foreach (var line in stated.Split('\n'))
        {
            var paragraph = string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (paragraph.Length == 0) continue;
            if (text.Length > 0) text.Append("\n\n");
            blocks.Add(new TextBlock(BlockKind.Paragraph, new TextSpan(text.Length, paragraph.Length)));
            text.Append(paragraph);
        }
        return new ExtractedBody(text.ToString(), blocks, [.. body.Removed, new RemovedText(body.Text, "disagrees with the page's articleBody")]);
    }

    /// <summary>Notes the furniture outside the story (comments, related links) that was judged and dropped.</summary>
    private static void NoteFurniture(ContentSurvey survey, List<int> roots, ContentWriter writer)
    {
        var next = 0;
        for (var i = 0; i < survey.Count; i++)
        {
            // Inside a story container the writer has noted what it left out.
            if (next < roots.Count && i == roots[next]) { i = survey[i].End - 1; next++; continue; }
            ref var n = ref survey[i];
            if (!n.Dropped) continue;
            if (n.Judged is Boilerplate.Strong or Boilerplate.Weak or Boilerplate.Hidden) writer.Remove(ref n, n.Reason ?? "boilerplate");
            i = n.End - 1;
        }
    }

    /// <summary>When nothing scores: every paragraph not left out, outermost only.</summary>
    private static List<int> Paragraphs(ContentSurvey survey)
    {
        var roots = new List<int>();
        for (var i = 0; i < survey.Count; i++)
        {
            ref var n = ref survey[i];
            if (n.Tag == "p" && !n.Gone && n.Text > 0)
            {
                roots.Add(i);
                i = n.End - 1;
            }
        }
        return roots;
    }
}
