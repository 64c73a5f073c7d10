using Dossier.Language;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Dossier.Ingest;
using Dossier.Model;

namespace Dossier.Extract;

/// <summary>Settings for turning plain text and Markdown into articles.</summary>
public sealed record PlainTextExtractorOptions
{
    /// <summary>A first line longer than this (in words) is a paragraph, not a headline.</summary>
    public int MaxTitleWords { get; init; } = 25;

    /// <summary>A first line longer than this (in characters) is a paragraph, not a headline.</summary>
    public int MaxTitleChars { get; init; } = 200;

    /// <summary>Language recorded on every article; plain text carries no metadata to say otherwise.</summary>
    public string Language { get; init; } = "en";
}

/// <summary>Turns a plain-text or Markdown document into an article: title, clean body, page furniture removed.</summary>
public sealed class PlainTextExtractor(PlainTextExtractorOptions? options = null)
{
    private readonly PlainTextExtractorOptions _options = options ?? new PlainTextExtractorOptions();

    // Words a date line is made of ("Thursday, December 11, 2008", "Updated 4:59 PM EDT").
    private static readonly FrozenSet<string> DateWords = FrozenSet.ToFrozenSet(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "st", "nd", "rd", "th", "am", "pm", "a", "p", "m", "at", "on", "of", "published", "updated", "posted",
        "last", "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest",
        "ist", "jst", "kst", "hkt", "sgt", "msk", "aest", "aedt", "awst", "nzst", "nzdt", "sast", "cat", "eat", "wat",
        "et", "pt", "ct", "hrs", "local", "time", "first", "modified", "edited", "date", "created",
    ], StringComparer.Ordinal);

    // A footer is a handful of lines; a longer run of short lines is content (a list, a poem, a table).
    private const int MaxTrailingLines = 8;

    public PlainTextExtractorOptions Options => _options;

    public Article Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var clean = CleanCharacters(document.Text ?? "");
        var rawLines = SplitLines(clean);
        var lines = string.Equals(document.Format, "markdown", StringComparison.OrdinalIgnoreCase)
            ? MarkdownText.ReadLines(rawLines)
            : ReadPlainLines(rawLines);
        var paragraphs = Assemble(lines);

        var removed = new List<(int Index, RemovedText Text)>();
        var keep = new bool[paragraphs.Count];
        Array.Fill(keep, true);

        string? url = null, site = null;
        var first = NextKept(paragraphs, keep, 0);
        if (first >= 0 && paragraphs[first].Kind == LineKind.Text && PageFurniture.IsUrl(paragraphs[first].Text.AsSpan()))
        {
            url = paragraphs[first].Text;
            site = Html.HtmlExtractor.SiteOf(url);
            keep[first] = false;
        }

        // Phrases, bare addresses and credits go first, wherever they are, so they are never taken for a title;
        // name-only captions wait until the title is known, since a headline can have the same shape.
        var nameCaptions = new List<int>();
        for (var i = 0; i < paragraphs.Count; i++)
        {
            if (!keep[i] || paragraphs[i].Kind == LineKind.Code) continue;
            var reason = PageFurniture.Judge(paragraphs[i].Text, LinePlace.Body, paragraphs[i].Kind == LineKind.Heading, out var byNameShape);
            if (reason is null) continue;
            if (byNameShape)
            {
                nameCaptions.Add(i);
                continue;
            }
            keep[i] = false;
            removed.Add((i, new RemovedText(paragraphs[i].Text, reason)));
        }

        var title = FindTitle(paragraphs, keep, out var titleIndex);
        if (titleIndex >= 0) keep[titleIndex] = false;

        string? byline = null;
        var afterTitle = NextKept(paragraphs, keep, titleIndex + 1);
        if (afterTitle >= 0 && TryByline(paragraphs[afterTitle], out var name))
        {
            byline = name;
            keep[afterTitle] = false;
        }

        foreach (var i in nameCaptions)
        {
            if (!keep[i]) continue;
            keep[i] = false;
            removed.Add((i, new RemovedText(paragraphs[i].Text, PageFurniture.Caption)));
        }

        // Short labels after the last sentence are the page's footer: peel a few off from the end, never the first paragraph.
        var firstKept = NextKept(paragraphs, keep, 0);
        var last = LastKept(paragraphs, keep);
        for (var peeled = 0; peeled < MaxTrailingLines && last > firstKept && paragraphs[last].Kind != LineKind.Code; peeled++)
        {
            var reason = PageFurniture.Judge(paragraphs[last].Text, LinePlace.Tail, paragraphs[last].Kind == LineKind.Heading);
            if (reason is null) break;
            keep[last] = false;
            removed.Add((last, new RemovedText(paragraphs[last].Text, reason)));
            do last--; while (last > firstKept && !keep[last]);
        }

        var body = new StringBuilder(clean.Length);
        for (var i = 0; i < paragraphs.Count; i++)
        {
            if (!keep[i]) continue;
            if (body.Length > 0) body.Append("\n\n");
            body.Append(paragraphs[i].Text);
        }
        var text = body.ToString();
        removed.Sort(static (a, b) => a.Index.CompareTo(b.Index));

        return new Article(document.Id, document.Path, text, HashOf(text))
        {
            Title = title,
            Site = site,
            Url = url,
            Byline = byline,
            Published = null,
            Language = _options.Language,
            Removed = removed.ConvertAll(static r => r.Text),
        };
    }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 text.</summary>
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // Control characters but newline and tab, CR (made LF), C1 controls and stray byte-order marks.
    private static readonly System.Buffers.SearchValues<char> Dropped = System.Buffers.SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017"
        + "\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A"
        + "\u008B\u008C\u008D\u008E\u008F\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F\uFEFF");

    /// <summary>NFC, control characters (but newline and tab) and stray byte-order marks removed, line ends made LF.</summary>
    internal static string CleanCharacters(string text)
    {
        // Our own table rather than string.Normalize: that is a no-op under invariant globalization, and output must not depend on the host.
        text = Composition.Compose(text);
        var span = text.AsSpan();
        var next = span.IndexOfAny(Dropped);
        if (next < 0) return text;
        var builder = new StringBuilder(text.Length);
        var start = 0;
        while (next >= 0)
        {
            var at = start + next;
            builder.Append(span[start..at]);
            if (span[at] == '\r')
            {
                builder.Append('\n');
                if (at + 1 < span.Length && span[at + 1] == '\n') at++;
            }
            start = at + 1;
            next = span[start..].IndexOfAny(Dropped);
        }
        builder.Append(span[start..]);
        return builder.ToString();
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            lines.Add(text[start..end].TrimEnd());
            start = end + 1;
        }
        return lines;
    }

    private static List<SourceLine> ReadPlainLines(List<string> rawLines)
    {
        var lines = new List<SourceLine>(rawLines.Count);
        foreach (var raw in rawLines)
        {
            var text = raw.Trim();
            lines.Add(text.Length == 0 ? new SourceLine("", LineKind.Blank) : new SourceLine(text, LineKind.Text));
        }
        return lines;
    }

    /// <summary>
    /// One paragraph per line, unless the document separates paragraphs with blank lines and hard-wraps the lines
    /// inside them: then the lines of a block are joined with a space.
    /// </summary>
    private static List<SourceLine> Assemble(List<SourceLine> lines)
    {
        var wrapped = IsHardWrapped(lines);
        var paragraphs = new List<SourceLine>(lines.Count);
        var parts = new List<string>();
        var currentKind = LineKind.Text;

        void Flush()
        {
            if (parts.Count == 0) return;
            paragraphs.Add(new SourceLine(parts.Count == 1 ? parts[0] : string.Join(' ', parts), currentKind));
            parts.Clear();
        }

        foreach (var line in lines)
        {
            switch (line.Kind)
            {
                case LineKind.Blank:
                    Flush();
                    break;
                case LineKind.Heading or LineKind.Code:
                    Flush();
                    paragraphs.Add(line);
                    break;
                case LineKind.ListItem:
                    Flush();
                    parts.Add(line.Text);
                    currentKind = LineKind.ListItem;
                    break;
                default:
                    if (!wrapped || parts.Count == 0)
                    {
                        Flush();
                        currentKind = LineKind.Text;
                    }
                    parts.Add(line.Text);
                    break;
            }
            if (!wrapped) Flush();
        }
        Flush();
        return paragraphs;
    }

    private static bool IsHardWrapped(List<SourceLine> lines)
    {
        int blanks = 0, inner = 0, wrapLike = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Kind == LineKind.Blank)
            {
                if (i > 0 && lines[i - 1].Kind != LineKind.Blank) blanks++;
                continue;
            }
            if (line.Kind is not (LineKind.Text or LineKind.ListItem)) continue;
            if (i + 1 >= lines.Count || lines[i + 1].Kind != LineKind.Text) continue;
            inner++;
            LineShape.LastMeaningfulChar(line.Text, out var endsSentence);
            // A wrapped line breaks mid-sentence at a width; a one-line paragraph ends its sentence.
            if (!endsSentence && line.Text.Length >= 30) wrapLike++;
        }
        return blanks > 0 && wrapLike >= 2 && wrapLike * 2 >= inner;
    }

    private string? FindTitle(List<SourceLine> paragraphs, bool[] keep, out int titleIndex)
    {
        titleIndex = -1;
        var first = NextKept(paragraphs, keep, 0);
        if (first < 0) return null;
        var candidate = first;
        // A date line above the headline ("Thursday, December 11, 2008") stays in the text for the date finder.
        if (IsDateLine(paragraphs[first].Text))
        {
            var next = NextKept(paragraphs, keep, first + 1);
            if (next >= 0 && paragraphs[next].Kind != LineKind.Code && IsHeadline(paragraphs[next]) && NextKept(paragraphs, keep, next + 1) >= 0)
                candidate = next;
        }
        var line = paragraphs[candidate];
        if (line.Kind == LineKind.Code || !IsHeadline(line)) return null;
        if (NextKept(paragraphs, keep, candidate + 1) < 0) return null;
        titleIndex = candidate;
        return line.Text;
    }

    private bool IsHeadline(SourceLine line)
    {
        var text = line.Text.AsSpan();
        if (text.Length > _options.MaxTitleChars || !text.ContainsAnyExcept(" \t0123456789.,:;-/()")) return false;
        if (line.Kind == LineKind.Heading) return true;
        if (line.Kind != LineKind.Text || PageFurniture.IsUrl(text) || PageFurniture.IsEmail(text)) return false;
        if (IsDateLine(line.Text)) return false;
        var shape = LineShape.Of(text);
        if (shape.Words > _options.MaxTitleWords || shape.Words == 0) return false;
        return shape.LastChar is not ('.' or ',' or ';' or ':' or '\u2026');
    }

    private static bool IsDateLine(string line)
    {
        if (line.Length > 80) return false;
        var digits = false;
        var i = 0;
        Span<char> lower = stackalloc char[16];
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsDigit(c)) { digits = true; i++; continue; }
            if (!char.IsLetter(c)) { i++; continue; }
            var start = i;
            while (i < line.Length && char.IsLetter(line[i])) i++;
            var word = line.AsSpan(start, i - start);
            if (word.Length > lower.Length) return false;
            var length = word.ToLowerInvariant(lower);
            if (!DateWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(lower[..length])) return false;
        }
        return digits;
    }

    /// <summary>"By Jane Doe" or "By Jane Doe and John Smith, Reuters" just under the headline.</summary>
    private static bool TryByline(SourceLine line, out string? name)
    {
        name = null;
        var text = line.Text.AsSpan();
        if (line.Kind != LineKind.Text || text.Length < 5 || text.Length > 120) return false;
        if (!(text.StartsWith("By ", StringComparison.Ordinal) || text.StartsWith("BY ", StringComparison.Ordinal))) return false;
        var rest = text[3..].Trim();
        var shape = LineShape.Of(rest);
        if (shape.Words is < 1 or > 10 || shape.EndsSentence || shape.HasDigit) return false;
        if (shape.CapitalisedWords * 3 < shape.Words * 2) return false;
        name = rest.ToString();
        return true;
    }

    private static int NextKept(List<SourceLine> paragraphs, bool[] keep, int from)
    {
        for (var i = Math.Max(from, 0); i < paragraphs.Count; i++)
            if (keep[i]) return i;
        return -1;
    }

    private static int LastKept(List<SourceLine> paragraphs, bool[] keep)
    {
        for (var i = paragraphs.Count - 1; i >= 0; i--)
            if (keep[i]) return i;
        return -1;
    }
}
