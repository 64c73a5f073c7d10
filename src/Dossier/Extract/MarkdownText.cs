using System.Text;

namespace Dossier.Extract;

/// <summary>What a line of a document is, once block markup is read.</summary>
internal enum LineKind { Blank, Text, Heading, ListItem, Code }

internal readonly record struct SourceLine(string Text, LineKind Kind);

/// <summary>Strips Markdown markup to plain text, line by line, with a hand-written scanner (no backtracking).</summary>
internal static class MarkdownText
{
    // How far a bracket or tag may reach on one line; keeps pathological input linear.
    private const int MaxInlineReach = 2000;

    public static List<SourceLine> ReadLines(IReadOnlyList<string> rawLines)
    {
        var lines = new List<SourceLine>(rawLines.Count);
        var inComment = false;
        char fenceChar = '\0';
        var fenceLength = 0;
        foreach (var raw in rawLines)
        {
            var line = raw;
            if (fenceLength > 0)
            {
                var trimmed = line.AsSpan().Trim();
                if (trimmed.Length >= fenceLength && RunLength(trimmed, 0, fenceChar) >= fenceLength
                    && trimmed[RunLength(trimmed, 0, fenceChar)..].IsWhiteSpace())
                {
                    fenceLength = 0;
                    lines.Add(new SourceLine("", LineKind.Blank));
                }
                else
                {
                    lines.Add(trimmed.IsEmpty ? new SourceLine("", LineKind.Blank) : new SourceLine(line.TrimEnd(), LineKind.Code));
                }
                continue;
            }

            line = DropComments(line, ref inComment);
            var t = line.AsSpan().Trim();
            if (t.IsEmpty)
            {
                if (!inComment || line.Length == 0) lines.Add(new SourceLine("", LineKind.Blank));
                continue;
            }

            if (t[0] is '`' or '~' && RunLength(t, 0, t[0]) >= 3 && (t[0] == '~' || t[RunLength(t, 0, '`')..].IndexOf('`') < 0))
            {
                fenceChar = t[0];
                fenceLength = RunLength(t, 0, fenceChar);
                lines.Add(new SourceLine("", LineKind.Blank));
                continue;
            }

            if (IsSetextUnderline(t) && lines.Count > 0 && lines[^1].Kind == LineKind.Text)
            {
                lines[^1] = lines[^1] with { Kind = LineKind.Heading };
                continue;
            }
            if (IsThematicBreak(t))
            {
                lines.Add(new SourceLine("", LineKind.Blank));
                continue;
            }
            if (IsReferenceDefinition(t) || IsTableRule(t)) continue;
            if (t.Length > 1 && t[0] == '|' && t[^1] == '|') t = t[1..^1].Trim();

            var kind = LineKind.Text;
            var hashes = RunLength(t, 0, '#');
            if (hashes is >= 1 and <= 6 && (hashes == t.Length || t[hashes] is ' ' or '\t'))
            {
                kind = LineKind.Heading;
                t = t[hashes..].Trim();
                var end = t.Length;
                while (end > 0 && t[end - 1] == '#') end--;
                if (end == 0 || t[end - 1] is ' ' or '\t') t = t[..end].TrimEnd();
            }
            else
            {
                while (t.Length > 0 && t[0] == '>') t = t[1..].TrimStart();
                var marker = ListMarkerLength(t);
                if (marker > 0)
                {
                    kind = LineKind.ListItem;
                    t = t[marker..].TrimStart();
                    if (t.Length >= 3 && t[0] == '[' && t[1] is ' ' or 'x' or 'X' && t[2] == ']') t = t[3..].TrimStart();
                }
            }

            var text = StripInline(t);
            // Entities such as &amp; and &#8217; are how Markdown writes characters, not part of the words.
            // A reference can name what the text was cleaned of (&#0;, &#13;, &#xFEFF;): the decoded line is cleaned again,
            // a line end in it made a space.
            if (text.Contains('&') && text.Contains(';'))
                text = PlainTextExtractor.CleanCharacters(System.Net.WebUtility.HtmlDecode(text)).Replace('\n', ' ');
            text = text.Trim();
            if (text.Length == 0)
            {
                // A line that held only an image or a tag leaves a gap, not a paragraph.
                continue;
            }
            lines.Add(new SourceLine(text, kind));
        }
        return lines;
    }

    private static string DropComments(string line, ref bool inComment)
    {
        if (!inComment && !line.Contains("<!--", StringComparison.Ordinal)) return line;
        var builder = new StringBuilder(line.Length);
        var i = 0;
        while (i < line.Length)
        {
            if (inComment)
            {
                var close = line.IndexOf("-->", i, StringComparison.Ordinal);
                if (close < 0) return builder.ToString();
                inComment = false;
                i = close + 3;
                continue;
            }
            var open = line.IndexOf("<!--", i, StringComparison.Ordinal);
            if (open < 0)
            {
                builder.Append(line, i, line.Length - i);
                break;
            }
            builder.Append(line, i, open - i);
            inComment = true;
            i = open + 4;
        }
        return builder.ToString();
    }

    private static int RunLength(ReadOnlySpan<char> s, int start, char c)
    {
        var i = start;
        while (i < s.Length && s[i] == c) i++;
        return i - start;
    }

    private static bool IsSetextUnderline(ReadOnlySpan<char> t)
        => t.Length >= 2 && (t[0] is '=' or '-') && RunLength(t, 0, t[0]) == t.Length;

    private static bool IsThematicBreak(ReadOnlySpan<char> t)
    {
        if (t.Length < 3 || t[0] is not ('-' or '*' or '_')) return false;
        var count = 0;
        foreach (var c in t)
        {
            if (c == t[0]) count++;
            else if (c is not (' ' or '\t')) return false;
        }
        return count >= 3;
    }

    /// <summary>The rule under a table's header row: "|---|:---:|".</summary>
    private static bool IsTableRule(ReadOnlySpan<char> t)
        => t.Contains('|') && t.Contains('-') && !t.ContainsAnyExcept("|-: \t");

    private static bool IsReferenceDefinition(ReadOnlySpan<char> t)
    {
        if (t.Length < 4 || t[0] != '[') return false;
        var close = t.IndexOf("]:");
        if (close < 2) return false;
        var target = t[(close + 2)..].TrimStart();
        // "[Update]: the talks resumed" is prose; a definition points at an address.
        return target.StartsWith("http", StringComparison.OrdinalIgnoreCase) || target.StartsWith("www.", StringComparison.OrdinalIgnoreCase)
            || target.StartsWith('/') || target.StartsWith('<') || target.StartsWith('#');
    }

    /// <summary>Length of a bullet ("- ", "* ", "+ ") or number ("12. ", "3) ") marker, or 0.</summary>
    private static int ListMarkerLength(ReadOnlySpan<char> t)
    {
        if (t.Length >= 2 && t[0] is '-' or '*' or '+' && t[1] is ' ' or '\t') return 2;
        var digits = 0;
        while (digits < t.Length && digits < 9 && char.IsAsciiDigit(t[digits])) digits++;
        if (digits > 0 && digits + 1 < t.Length && t[digits] is '.' or ')' && t[digits + 1] is ' ' or '\t') return digits + 2;
        return 0;
    }

    /// <summary>Removes emphasis, code ticks, links (keeping their words), images, autolink brackets and tags.</summary>
    public static string StripInline(ReadOnlySpan<char> s)
    {
        if (s.IndexOfAny("\\!*_`[<~") < 0) return s.ToString();
        var builder = new StringBuilder(s.Length);
        StripInline(s, builder, depth: 0);
        return builder.ToString();
    }

    private static void StripInline(ReadOnlySpan<char> s, StringBuilder builder, int depth)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            switch (c)
            {
                case '\\' when i + 1 < s.Length && char.IsAsciiLetterOrDigit(s[i + 1]) == false && s[i + 1] < 128 && !char.IsWhiteSpace(s[i + 1]):
                    builder.Append(s[i + 1]);
                    i += 2;
                    continue;
                case '!' when i + 1 < s.Length && s[i + 1] == '[':
                    if (TryLink(s, i + 1, out _, out var imageEnd))
                    {
                        i = imageEnd;
                        continue;
                    }
                    break;
                case '[':
                    if (TryLink(s, i, out var label, out var linkEnd))
                    {
                        if (depth < 4) StripInline(label, builder, depth + 1);
                        else builder.Append(label);
                        i = linkEnd;
                        continue;
                    }
                    break;
                case '<':
                    if (TryAngle(s, i, builder, out var angleEnd))
                    {
                        i = angleEnd;
                        continue;
                    }
                    break;
                case '`':
                    i += RunLength(s, i, '`');
                    continue;
                case '*':
                {
                    var run = RunLength(s, i, '*');
                    var before = i == 0 ? ' ' : s[i - 1];
                    var after = i + run >= s.Length ? ' ' : s[i + run];
                    // A lone star between spaces is arithmetic or a footnote mark, not emphasis.
                    if (char.IsWhiteSpace(before) && char.IsWhiteSpace(after)) builder.Append(s.Slice(i, run));
                    i += run;
                    continue;
                }
                case '_':
                {
                    var run = RunLength(s, i, '_');
                    var before = i == 0 ? ' ' : s[i - 1];
                    var after = i + run >= s.Length ? ' ' : s[i + run];
                    // snake_case and ____ blanks keep their underscores.
                    var emphasis = !(char.IsLetterOrDigit(before) && char.IsLetterOrDigit(after)) && !(char.IsWhiteSpace(before) && char.IsWhiteSpace(after));
                    if (!emphasis) builder.Append(s.Slice(i, run));
                    i += run;
                    continue;
                }
                case '~' when i + 1 < s.Length && s[i + 1] == '~':
                    i += RunLength(s, i, '~');
                    continue;
            }
            builder.Append(c);
            i++;
        }
    }

    /// <summary>Reads "[label](target)", "[label][ref]" or "[label][]" starting at <paramref name="open"/>.</summary>
    /// <remarks>Each scan stops at the next bracket, so a line of a million "[" stays linear.</remarks>
    private static bool TryLink(ReadOnlySpan<char> s, int open, out ReadOnlySpan<char> label, out int end)
    {
        label = default;
        end = open;
        var reach = s[(open + 1)..Math.Min(s.Length, open + 1 + MaxInlineReach)];
        var close = reach.IndexOfAny('[', ']');
        if (close < 0 || reach[close] == '[') return false;
        close += open + 1;
        if (close + 1 >= s.Length) return false;
        var next = s[close + 1];
        if (next is not ('(' or '[')) return false;
        var target = s[(close + 2)..Math.Min(s.Length, close + 2 + MaxInlineReach)];
        int targetEnd;
        if (next == '[')
        {
            targetEnd = target.IndexOfAny('[', ']');
            if (targetEnd < 0 || target[targetEnd] == '[') return false;
        }
        else
        {
            targetEnd = target.IndexOf(')');
            if (targetEnd < 0) return false;
            // One level of parentheses inside an address ("Foo_(bar)") is common enough to allow.
            if (target[..targetEnd].Contains('('))
            {
                var second = target[(targetEnd + 1)..].IndexOf(')');
                if (second < 0) return false;
                targetEnd += second + 1;
            }
        }
        label = s[(open + 1)..close];
        end = close + 2 + targetEnd + 1;
        return true;
    }

    /// <summary>An autolink "&lt;http://…&gt;" keeps its address; an HTML tag is dropped.</summary>
    private static bool TryAngle(ReadOnlySpan<char> s, int open, StringBuilder builder, out int end)
    {
        end = open;
        if (open + 1 >= s.Length) return false;
        var first = s[open + 1];
        if (!(char.IsAsciiLetter(first) || first is '/' or '!')) return false;
        var reach = s[(open + 1)..Math.Min(s.Length, open + 1 + MaxInlineReach)];
        var stop = reach.IndexOfAny('<', '>');
        if (stop < 0 || reach[stop] == '<') return false;
        {
            var i = open + 1 + stop;
            var inner = s[(open + 1)..i];
            if (inner.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || inner.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                || inner.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || (inner.Contains('@') && !inner.Contains(' ')))
            {
                builder.Append(inner.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? inner[7..] : inner);
            }
            end = i + 1;
            return true;
        }
    }
}
