using System.Collections.Frozen;

namespace Dossier.Extract;

/// <summary>Cheap facts about one line of text that the title and furniture rules weigh.</summary>
internal readonly record struct LineShape(
    int Words,
    int CapitalisedWords,
    int LowercaseWords,
    bool HasDigit,
    bool HasCapitalisedFunctionWord,
    bool HasVerbLikeWord,
    bool EndsSentence,
    char LastChar)
{
    /// <summary>Lines longer than this are prose whatever they say; they are not measured word by word.</summary>
    public const int MaxMeasuredChars = 400;

    private static readonly FrozenSet<string> CapitalisedFunctionWords = FrozenSet.ToFrozenSet(
    [
        "With", "To", "For", "In", "On", "At", "Is", "Are", "Was", "Were", "Will", "Would", "Has", "Have", "Had",
        "From", "Into", "By", "After", "Over", "As", "Be", "Not", "Out", "Up", "Says", "Said", "Off", "Amid",
        "Against", "Before", "Under", "About", "Than", "Can", "Could", "May", "Did", "Does", "Do", "Why", "How",
        "What", "When", "Where", "Who", "WITH", "TO", "FOR", "IN", "ON", "AT", "IS", "ARE", "FROM", "BY", "AFTER",
    ], StringComparer.Ordinal);

    // Common English verb forms: a line holding one reads as a clause, not a label.
    private static readonly FrozenSet<string> CommonVerbs = FrozenSet.ToFrozenSet(
    [
        "am", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "has", "have", "had",
        "can", "could", "will", "would", "shall", "should", "may", "might", "must", "say", "said", "get", "got",
        "make", "made", "take", "took", "go", "went", "gone", "see", "saw", "seen", "know", "knew", "think", "thought",
        "come", "came", "want", "look", "use", "find", "found", "give", "gave", "tell", "told", "work", "call",
        "try", "need", "feel", "felt", "become", "became", "leave", "left", "put", "mean", "meant", "keep", "kept",
        "let", "begin", "began", "seem", "help", "show", "hear", "heard", "play", "run", "ran", "move", "live",
        "believe", "hold", "held", "bring", "brought", "happen", "write", "wrote", "provide", "sit", "sat", "stand",
        "stood", "lose", "lost", "pay", "paid", "meet", "met", "include", "continue", "learn", "change", "lead",
        "led", "understand", "watch", "follow", "stop", "create", "speak", "spoke", "spend", "spent", "grow",
        "grew", "open", "walk", "win", "won", "offer", "remember", "love", "consider", "appear", "buy", "bought",
        "wait", "serve", "die", "send", "sent", "expect", "build", "built", "stay", "fall", "fell", "cut", "reach",
        "kill", "remain", "hit", "shot", "set", "sold", "struck", "rose", "broke", "caught", "fought", "flew",
    ], StringComparer.Ordinal);

    public bool IsMeasured => Words >= 0;

    /// <summary>Ends with . ! ? (or … ) and has a verb-like lower-case word: a sentence, never furniture.</summary>
    public bool ReadsAsSentence => EndsSentence && HasVerbLikeWord;

    /// <summary>Ends with any punctuation that closes a clause (. ! ? : ; , …).</summary>
    public bool EndsWithClausePunctuation => EndsSentence || LastChar is ':' or ';' or ',';

    public double CapitalShare => Words == 0 ? 0 : (double)CapitalisedWords / Words;

    public static LineShape Of(ReadOnlySpan<char> line)
    {
        var last = LastMeaningfulChar(line, out var endsSentence);
        if (line.Length > MaxMeasuredChars) return new LineShape(-1, 0, 0, false, false, true, endsSentence, last);

        int words = 0, capitalised = 0, lowercase = 0;
        bool digit = false, functionWord = false, verb = false;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && !IsWordChar(line[i])) i++;
            var start = i;
            while (i < line.Length && IsWordChar(line[i])) i++;
            if (i == start) break;
            var word = line[start..i].Trim('\'').Trim('\u2019');
            if (word.IsEmpty) continue;
            words++;
            var first = word[0];
            if (char.IsDigit(first)) digit = true;
            else if (char.IsUpper(first))
            {
                capitalised++;
                if (CapitalisedFunctionWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word) || IsCapitalisedVerb(word)) functionWord = true;
            }
            else if (char.IsLower(first))
            {
                lowercase++;
                if (!verb && IsVerbLike(word)) verb = true;
            }
            foreach (var c in word) if (char.IsDigit(c)) digit = true;
        }
        return new LineShape(words, capitalised, lowercase, digit, functionWord, verb, endsSentence, last);
    }

    /// <summary>"Announces", "Featured", "Breaking": a title-case headline's verb, which a name-only caption lacks.</summary>
    private static bool IsCapitalisedVerb(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || word.Length > 20 || !char.IsLower(word[^1])) return false;
        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        if (CommonVerbs.GetAlternateLookup<ReadOnlySpan<char>>().Contains(lower) && lower.Length > 2) return true;
        return word.Length >= 6 && (lower.EndsWith("ing") || lower.EndsWith("ed") || lower.EndsWith("ces") || lower.EndsWith("zes"));
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '\'' or '\u2019';

    private static bool IsVerbLike(ReadOnlySpan<char> word)
    {
        if (CommonVerbs.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word)) return true;
        if (word.Length < 4) return false;
        return word.EndsWith("ed", StringComparison.Ordinal) || word.EndsWith("ing", StringComparison.Ordinal)
            || word.EndsWith("es", StringComparison.Ordinal) || (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal));
    }

    /// <summary>The last character before closing quotes and brackets, and whether it ends a sentence.</summary>
    public static char LastMeaningfulChar(ReadOnlySpan<char> line, out bool endsSentence)
    {
        var end = line.Length;
        while (end > 0 && (char.IsWhiteSpace(line[end - 1]) || IsCloser(line[end - 1]))) end--;
        var last = end > 0 ? line[end - 1] : '\0';
        endsSentence = last is '.' or '!' or '?' or '\u2026';
        return last;
    }

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '\u201D' or '\u2019' or '\u00BB' or '*' or '_';
}
