using AngleSharp.Dom;

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
        var writer = new ContentWriter(survey, metadata.Title);
        foreach (var r in roots) writer.Write(r);
        NoteFurniture(survey, roots, writer);
        return writer.Finish();
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
            if (n.Judged is Boilerplate.Strong or Boilerplate.Weak) writer.Remove(ref n, n.Reason ?? "boilerplate");
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
