namespace Dossier.Extract.Html;

/// <summary>
/// Picks the story's container as Readability does: every paragraph scores its ancestors (commas and length), the best
/// container after link density wins, and its siblings that look like story too are kept beside it.
/// </summary>
internal static class ContentScoring
{
    private const int MinParagraph = 25;

    /// <summary>Elements holding the story, in document order; empty when nothing scores.</summary>
    public static List<int> Choose(ContentSurvey survey)
    {
        var nodes = survey.Nodes;
        var count = survey.Count;
        var candidates = new List<int>();
        for (var i = 1; i < count; i++)
        {
            ref var n = ref nodes[i];
            if (n.Gone || n.Unread) continue;
            var letters = ParagraphLetters(ref n);
            if (letters < MinParagraph) continue;
            var score = 1.0 + Math.Min(n.Commas, 30) + Math.Min(letters / 100, 3);
            var ancestor = n.Parent;
            for (var level = 0; ancestor >= 0 && level < 5; level++, ancestor = nodes[ancestor].Parent)
            {
                ref var a = ref nodes[ancestor];
                if (!a.Scored)
                {
                    a.Scored = true;
                    a.Score = Initial(ref a);
                    candidates.Add(ancestor);
                }
                a.Score += score / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
            }
        }
        if (candidates.Count == 0) return [];

        var top = -1;
        var best = double.MinValue;
        var ranked = new List<(int Index, double Score)>(candidates.Count);
        foreach (var c in candidates)
        {
            ref var n = ref nodes[c];
            n.Score *= 1 - n.LinkDensity;
            ranked.Add((c, n.Score));
            if (n.Score > best) { best = n.Score; top = c; }
        }
        top = Promote(survey, top, ranked);
        var parent = nodes[top].Parent;
        if (parent < 0) return [top];
        return Siblings(survey, top, parent);
    }

    /// <summary>Letters a text-bearing element contributes as a paragraph, or 0 for containers of other blocks.</summary>
    private static int ParagraphLetters(ref ContentNode n)
    {
        return n.Tag switch
        {
            "p" or "pre" or "td" => n.Text,
            "blockquote" or "div" or "section" or "article" or "main" or "span" or "font" or "center" => n.BlockChild ? n.Own : n.Text,
            _ => 0,
        };
    }

    private static double Initial(ref ContentNode n)
    {
        var tag = n.Tag switch
        {
            "div" or "article" or "main" => 5,
            "section" => 3,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        return tag + n.Weight;
    }

    /// <summary>Moves up from the best container when several strong candidates share an ancestor or the parent scores higher.</summary>
    private static int Promote(ContentSurvey survey, int top, List<(int Index, double Score)> ranked)
    {
        var nodes = survey.Nodes;
        var topScore = nodes[top].Score;
        ranked.Sort((a, b) => b.Score.CompareTo(a.Score));
        var rivals = new List<int>();
        for (var i = 1; i < Math.Min(ranked.Count, 5); i++)
            if (ranked[i].Score >= topScore * 0.75) rivals.Add(ranked[i].Index);
        if (rivals.Count >= 3)
        {
            for (var ancestor = nodes[top].Parent; ancestor > 0; ancestor = nodes[ancestor].Parent)
            {
                var holds = 0;
                foreach (var r in rivals)
                    if (r > ancestor && r < nodes[ancestor].End) holds++;
                if (holds >= 3) { top = ancestor; break; }
            }
        }
        if (!nodes[top].Scored) { nodes[top].Scored = true; nodes[top].Score = Initial(ref nodes[top]); }

        var last = nodes[top].Score;
        var threshold = last / 3;
        for (var parent = nodes[top].Parent; parent > 0; parent = nodes[parent].Parent)
        {
            if (!nodes[parent].Scored) continue;
            if (nodes[parent].Score < threshold) break;
            if (nodes[parent].Score > last) { top = parent; break; }
            last = nodes[parent].Score;
        }
        // An only child says no more than its parent.
        while (nodes[top].Parent > 0 && OnlyChild(survey, top)) top = nodes[top].Parent;
        return top;
    }

    private static bool OnlyChild(ContentSurvey survey, int index)
    {
        var nodes = survey.Nodes;
        var parent = nodes[index].Parent;
        var children = 0;
        for (var c = parent + 1; c < nodes[parent].End; c = nodes[c].End)
            if (!nodes[c].Gone && ++children > 1) return false;
        return true;
    }

    private static List<int> Siblings(ContentSurvey survey, int top, int parent)
    {
        var nodes = survey.Nodes;
        var topScore = nodes[top].Score;
        var threshold = Math.Max(10, topScore * 0.2);
        var topClass = nodes[top].Element.GetAttribute("class");
        var kept = new List<int>();
        for (var c = parent + 1; c < nodes[parent].End; c = nodes[c].End)
        {
            ref var s = ref nodes[c];
            if (c == top) { kept.Add(c); continue; }
            if (s.Gone || s.Unread || s.Text == 0) continue;
            var bonus = topClass is { Length: > 0 } && topClass == s.Element.GetAttribute("class") ? topScore * 0.2 : 0;
            // Beside a container named as the story's body, scored neighbours are teasers unless they are parts of the same body.
            if (s.Scored && s.Score + bonus >= threshold && (!nodes[top].Marker || bonus > 0 || s.Marker)) { kept.Add(c); continue; }
            if (s.Tag is "p" or "blockquote" or "pre" or "ul" or "ol" or "h2" or "h3" or "h4" or "div" or "section" && !s.Scored)
            {
                var density = s.LinkDensity;
                if (s.Text > 80 && density < 0.25) kept.Add(c);
                else if (s.Text is > 0 and <= 80 && density == 0 && s.Tag == "p" && EndsSentence(s.Element.TextContent)) kept.Add(c);
            }
        }
        return kept;
    }

    private static bool EndsSentence(string text)
    {
        var t = text.AsSpan().TrimEnd();
        return t.Length > 0 && t[^1] is '.' or '!' or '?' or '。' or '"' or '”';
    }
}
