namespace Dossier.Language;

/// <summary>Word-level helpers that hand out strings, for stages that keep words in sets and maps.</summary>
public static class Words
{
    /// <summary>Lower-case word tokens (runs of letters and digits) of a span of text, in order.</summary>
    public static IEnumerable<string> Tokens(string text, int start, int length)
    {
        var words = new List<string>();
        Span<char> buffer = stackalloc char[WordScanner.MaxWordLength];
        var scanner = new WordScanner(text.AsSpan(start, length), buffer);
        while (scanner.Next(out var word)) words.Add(word.ToString());
        return words;
    }

    /// <summary>Content-word stems of a span of text (see <see cref="ContentWords"/>): what a sentence is about.</summary>
    public static IEnumerable<string> ContentStems(string text, int start, int length)
    {
        var stems = new List<string>();
        Span<char> buffer = stackalloc char[WordScanner.MaxWordLength];
        Span<char> stem = stackalloc char[WordScanner.MaxWordLength];
        var scanner = new WordScanner(text.AsSpan(start, length), buffer);
        while (scanner.Next(out var word))
        {
            if (!ContentWords.IsContent(word)) continue;
            stems.Add(stem[..ContentWords.StemInto(word, stem)].ToString());
        }
        return stems;
    }

    /// <summary>Removes diacritics: "Pérez" and "Perez" compare equal.</summary>
    public static string StripDiacritics(string text)
    {
        foreach (var c in text)
            if (c > 0x7F) return Composition.StripMarks(text);
        return text;
    }
}
