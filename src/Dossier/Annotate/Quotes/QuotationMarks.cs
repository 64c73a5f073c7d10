namespace Dossier.Annotate.Quotes;

/// <summary>
/// One stretch of quoted words inside a paragraph. <see cref="Close"/> is the closing mark, or -1 when the paragraph
/// ended first; pieces of one quotation that runs over several paragraphs share a <see cref="Group"/>.
/// </summary>
internal readonly record struct QuotePiece(int Open, int ContentStart, int ContentEnd, int Close, int Group)
{
    public int End => Close >= 0 ? Close + 1 : ContentEnd;
}

/// <summary>Pairs quotation marks, straight or curly, double or single, paragraph by paragraph in one pass.</summary>
internal static class QuotationMarks
{
    private static readonly System.Collections.Frozen.FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SpeechForms
        = SpeechWords.Forms.GetAlternateLookup<ReadOnlySpan<char>>();

    public static List<QuotePiece> Find(string text)
    {
        var pieces = new List<QuotePiece>();
        var group = 0;
        var carry = false;      // the previous paragraph ended inside a quotation
        var carryKind = '\0';
        var ps = 0;
        while (ps < text.Length)
        {
            var pe = text.IndexOf('\n', ps);
            if (pe < 0) pe = text.Length;
            var first = ps;
            while (first < pe && char.IsWhiteSpace(text[first])) first++;
            if (first == pe) { ps = pe + 1; continue; } // blank line: the quotation, if any, is still waiting

            // A paragraph that opens with a quote mark continues the previous paragraph's unclosed quotation.
            if (carry && !(IsOpener(text[first]) && KindOf(text[first]) == carryKind)) group++;
            carry = false;

            var open = -1;
            var kind = '\0';
            for (var i = first; i < pe; i++)
            {
                var c = text[i];
                if (open < 0)
                {
                    if (c is '\u201C' or '\u201E' or '\u00AB') { open = i; kind = 'd'; }
                    else if (c == '"' && OpensHere(text, i, first, pe)) { open = i; kind = 'd'; }
                    else if (c == '\u2018' && (i == first || !char.IsLetterOrDigit(text[i - 1])) && i + 1 < pe && char.IsLetterOrDigit(text[i + 1]))
                    { open = i; kind = 's'; }
                    continue;
                }
                var closes = kind == 'd'
                    ? c is '\u201D' or '\u00BB' or '"' || (c == '\u201C' && i > open + 1 && !char.IsWhiteSpace(text[i - 1]) && (i + 1 >= pe || !char.IsLetterOrDigit(text[i + 1])))
                    : c is '\u2019' or '\'' && i > open + 1 && !char.IsWhiteSpace(text[i - 1]) && (i + 1 >= pe || !char.IsLetter(text[i + 1]));
                if (!closes) continue;
                Add(pieces, text, open, i, i, group);
                group++;
                open = -1;
            }
            if (open >= 0)
            {
                // Unclosed at the paragraph's end: kept when the mark was curly or the next paragraph continues it.
                var next = NextParagraphStart(text, pe);
                var continues = next >= 0 && IsOpener(text[next]) && KindOf(text[next]) == KindOf(text[open]);
                if (continues || text[open] != '"')
                {
                    Add(pieces, text, open, pe, -1, group);
                    if (continues) { carry = true; carryKind = KindOf(text[open]); }
                    else group++;
                }
            }
            ps = pe + 1;
        }
        return pieces;
    }

    private static char KindOf(char c) => c is '\u2018' ? 's' : 'd';

    private static bool IsOpener(char c) => c is '\u201C' or '\u201E' or '\u00AB' or '"' or '\u2018';

    private static int NextParagraphStart(string text, int pe)
    {
        for (var i = pe; i < text.Length; i++)
            if (!char.IsWhiteSpace(text[i])) return i;
        return -1;
    }

    /// <summary>A straight double quote opens when it follows a space or an opening bracket and precedes a word.</summary>
    private static bool OpensHere(string text, int i, int first, int pe)
    {
        var before = i == first ? ' ' : text[i - 1];
        var after = i + 1 < pe ? text[i + 1] : ' ';
        if (!(char.IsWhiteSpace(before) || before is '(' or '[' or '\u2014' or '\u2013' or '-' or ':' or '/') || char.IsWhiteSpace(after))
            return false;
        // 'fight, "said Doganis': a mark followed by a speech verb closes a quotation opened earlier.
        var w = i + 1;
        while (w < pe && char.IsLetter(text[w])) w++;
        return w == i + 1 || !SpeechForms.ContainsKey(text.AsSpan(i + 1, w - i - 1));
    }

    private static void Add(List<QuotePiece> pieces, string text, int open, int contentEnd, int close, int group)
    {
        var start = open + 1;
        while (start < contentEnd && char.IsWhiteSpace(text[start])) start++;
        var end = contentEnd;
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] == ',')) end--;
        if (end <= start) return;
        pieces.Add(new QuotePiece(open, start, end, close, group));
    }
}
