using System.Collections.Frozen;

namespace Dossier.Language;

/// <summary>
/// Splits text into lower-cased words and, for story clustering, into content words: stopwords dropped,
/// plurals and -ed/-ing endings lightly stemmed. Hand-written scanning: one pass, no regex, no per-word strings
/// until the caller needs one.
/// </summary>
public static class ContentWords
{
    /// <summary>
    /// True for a word that carries content: not a stopword, at least two characters; of numbers only four-digit
    /// ones (years, large counts), which tell apart two events of one kind while small numbers are everywhere.
    /// </summary>
    public static bool IsContent(ReadOnlySpan<char> word)
    {
        if (word.Length < 2) return false;
        if (char.IsDigit(word[0])) return word.Length == 4;
        return !StopwordLookup.Contains(word);
    }

    /// <summary>
    /// Light suffix stripping (an S-stemmer plus -ed/-ing and a final e) so "quakes"/"quake" and
    /// "killed"/"killing"/"kills" meet. Writes the stem into <paramref name="into"/> and returns its length.
    /// </summary>
    public static int StemInto(ReadOnlySpan<char> w, Span<char> into)
    {
        w.CopyTo(into);
        var n = w.Length;
        if (n <= 3) return n;
        if (w.EndsWith("ies") && !w.EndsWith("eies") && !w.EndsWith("aies"))
        {
            into[n - 3] = 'y';
            return n - 2;
        }
        if (w.EndsWith("ss") || w.EndsWith("us") || w.EndsWith("is")) return n;
        if (w[n - 1] == 's') n--;
        var stem = into[..n];
        if (n >= 6 && stem.EndsWith("ing") && HasVowel(stem[..(n - 3)])) n = UndoubleEnd(stem, n - 3);
        else if (n >= 5 && stem.EndsWith("ed") && HasVowel(stem[..(n - 2)])) n = UndoubleEnd(stem, n - 2);
        if (n >= 4 && into[n - 1] == 'e') n--; // "fire"/"fired" -> "fir", so the -ed cut and the base form agree
        return n;
    }

    /// <summary>"stopped" -> "stop": a doubled consonant left by the ending is single in the base form.</summary>
    private static int UndoubleEnd(ReadOnlySpan<char> w, int n)
    {
        if (n >= 3 && w[n - 1] == w[n - 2] && !IsVowel(w[n - 1]) && w[n - 1] is not ('l' or 's' or 'z')) return n - 1;
        return n;
    }

    private static bool HasVowel(ReadOnlySpan<char> w)
    {
        foreach (var c in w)
            if (IsVowel(c)) return true;
        return false;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    /// <summary>Common English function words and newsroom verbs of saying: they say nothing about which event.</summary>
    private static readonly FrozenSet<string> Stopwords = FrozenSet.Create(StringComparer.Ordinal,
    [
        "a", "about", "above", "after", "again", "against", "ago", "all", "almost", "along", "already", "also",
        "although", "always", "am", "among", "an", "and", "another", "any", "anyone", "anything", "are", "around",
        "as", "at", "away", "back", "be", "became", "because", "become", "been", "before", "being", "below",
        "between", "both", "but", "by", "came", "can", "cannot", "could", "did", "do", "does", "doing", "done",
        "down", "during", "each", "either", "else", "enough", "even", "ever", "every", "few", "first", "for",
        "from", "further", "get", "gets", "getting", "give", "given", "go", "goes", "going", "gone", "got", "had",
        "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however",
        "i", "if", "in", "into", "is", "it", "its", "itself", "just", "last", "later", "least", "less", "like",
        "made", "make", "many", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "near",
        "never", "new", "next", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "or",
        "other", "others", "our", "ours", "ourselves", "out", "over", "own", "per", "perhaps", "put", "rather",
        "really", "same", "see", "seen", "several", "she", "should", "since", "so", "some", "something", "still",
        "such", "take", "taken", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
        "these", "they", "thing", "things", "this", "those", "though", "through", "thus", "till", "to", "today",
        "together", "too", "took", "toward", "towards", "two", "under", "until", "up", "upon", "us", "use", "used",
        "very", "via", "want", "was", "way", "we", "well", "went", "were", "what", "whatever", "when", "where",
        "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would",
        "yet", "you", "your", "yours", "yourself", "yesterday", "tomorrow", "year", "years", "week", "weeks",
        "day", "days", "time", "times", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "said", "say", "says", "saying", "told", "tell", "tells", "according", "reported", "reports", "report",
        "news", "mr", "mrs", "ms", "dr", "am", "pm", "don", "didn", "doesn", "isn", "wasn", "won", "can", "ll", "ve",
        "re", "http", "https", "www", "com", "html", "htm", "php", "asp", "org", "net",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopwordLookup =
        Stopwords.GetAlternateLookup<ReadOnlySpan<char>>();
}

/// <summary>
/// Walks the maximal runs of letters or digits of a text, lower-cased into a caller's buffer (valid until the
/// next call). Apostrophes and hyphens split words, so "Kwang-chol" is two words.
/// </summary>
public ref struct WordScanner
{
    /// <summary>Longest word kept; longer runs (URLs glued together, binary junk) are cut so buffers stay small.</summary>
    public const int MaxWordLength = 40;

    private readonly ReadOnlySpan<char> _text;
    private readonly Span<char> _buffer;
    private int _position;

    public WordScanner(ReadOnlySpan<char> text, Span<char> buffer)
    {
        _text = text;
        _buffer = buffer;
    }

    public bool Next(out ReadOnlySpan<char> word)
    {
        var text = _text;
        var i = _position;
        while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
        var length = 0;
        Capitalised = i < text.Length && char.IsUpper(text[i]) && !OpensSentence(text, i);
        while (i < text.Length && char.IsLetterOrDigit(text[i]))
        {
            if (length < MaxWordLength && length < _buffer.Length) _buffer[length++] = char.ToLowerInvariant(text[i]);
            i++;
        }
        _position = i;
        word = _buffer[..length];
        return length > 0;
    }

    /// <summary>
    /// The last word began with a capital letter where a sentence does not begin: a name, so it says more about
    /// which event an article reports than a common word does.
    /// </summary>
    public bool Capitalised { get; private set; }

    private static bool OpensSentence(ReadOnlySpan<char> text, int start)
    {
        var j = start - 1;
        while (j >= 0 && text[j] is ' ' or '\t' or '"' or '\'' or '\u201C' or '\u2018' or '(' or '[') j--;
        return j < 0 || text[j] is '.' or '!' or '?' or ':' or '\n' or '\r' or '-' or '\u2014';
    }
}
