using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Dossier.Language;

/// <summary>Word-level primitives shared by the stages that compare texts: stopwords, a light stemmer, folding.</summary>
public static class Words
{
    /// <summary>English function words and reporting filler that say nothing about what a text is about.</summary>
    public static readonly FrozenSet<string> Stopwords = new[]
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "either", "even", "ever", "every", "few", "for", "from", "further",
        "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however",
        "i", "if", "in", "into", "is", "it", "its", "itself", "just", "least", "less", "like", "many", "may", "me", "might",
        "more", "most", "much", "must", "my", "myself", "neither", "no", "nor", "not", "now", "of", "off", "on", "once",
        "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "per", "rather", "same", "shall",
        "she", "should", "since", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
        "then", "there", "these", "they", "this", "those", "though", "through", "thus", "to", "too", "under", "until",
        "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who",
        "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours", "yourself",
        "said", "says", "say", "told", "according", "also", "s", "t", "mr", "mrs", "ms", "new", "two", "three",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lower-case word tokens (letters and digits) of a span of text, in order.</summary>
    public static IEnumerable<string> Tokens(ReadOnlyMemory<char> text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && char.IsLetterOrDigit(text.Span[i]);
            if (isWord && start < 0) start = i;
            else if (!isWord && start >= 0)
            {
                yield return text.Span[start..i].ToString().ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>Content-word stems of a text: stopwords and one-letter tokens dropped.</summary>
    public static IEnumerable<string> ContentStems(string text, int start, int length)
    {
        foreach (var token in Tokens(text.AsMemory(start, length)))
        {
            if (token.Length < 2 || Stopwords.Contains(token)) continue;
            yield return Stem(token);
        }
    }

    /// <summary>A light suffix stripper: enough to make "soldiers"/"soldier" and "visited"/"visiting" meet.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsLetter(word[^1])) return word;
        var w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4) w = w[..^3] + "y";
        else if (w.EndsWith("sses", StringComparison.Ordinal)) w = w[..^2];
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal)) w = w[..^1];
        if (w.Length > 5 && w.EndsWith("ing", StringComparison.Ordinal)) w = w[..^3];
        else if (w.Length > 4 && w.EndsWith("ed", StringComparison.Ordinal)) w = w[..^2];
        // British and American spellings meet: defence/defense, organise/organize.
        if (w.EndsWith("ce", StringComparison.Ordinal) && w.Length > 5) w = w[..^2] + "se";
        if (w.EndsWith("ise", StringComparison.Ordinal) && w.Length > 5) w = w[..^3] + "ize";
        if (w.EndsWith('e') && w.Length > 4) w = w[..^1];
        return w;
    }

    /// <summary>Removes diacritics: "Pérez" and "Perez" compare equal.</summary>
    public static string StripDiacritics(string text)
    {
        var needs = false;
        foreach (var c in text) if (c > 0x7F) { needs = true; break; }
        if (!needs) return text;
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
