using System.Globalization;

namespace Dossier.Ingest;

/// <summary>
/// Guesses the encoding of undeclared or mislabelled bytes: valid UTF-8 is UTF-8; otherwise each candidate legacy
/// encoding decodes a sample and is scored by how much the result looks like written language (letters of one script,
/// mostly lower case, capitals only at word starts, accented letters that belong to one alphabet), and the best wins.
/// </summary>
public static class CharsetDetector
{
    /// <summary>Candidates in order of preference: a later one must score clearly higher, so plain Latin text stays windows-1252.</summary>
    private static readonly string[] Candidates =
    [
        "windows-1252", "windows-1250", "iso-8859-2",
        // Hebrew letters fall where lower-case Cyrillic does in windows-1251, so that both read as caseless or
        // lower-case letters; Hebrew goes first, and Russian still wins on ы, ь, э, ю, я, which windows-1255 lacks.
        "windows-1255", "windows-1251", "koi8-r", "koi8-u",
        // Lower-case Greek reads as lower-case Cyrillic in ISO-8859-5, so the common Greek code pages go before it.
        "windows-1253", "iso-8859-7", "iso-8859-5", "ibm866", "windows-1254", "windows-1257", "windows-1256", "windows-874",
        "gbk", "big5", "shift_jis", "euc-jp", "euc-kr",
    ];

    /// <summary>Bytes of the input weighed; enough for thousands of non-ASCII letters, cheap for twenty candidates.</summary>
    private const int SampleBytes = 16 * 1024;

    private const double Margin = 0.5;

    private const string AccentedVowels = "àáâãäåæèéêëìíîïòóôõöøùúûüýÿąęėįųūāēīōőűœ";

    private const int MaxKoreanWord = 12;

    /// <summary>Accented lower-case Latin letters of the languages written with Latin script, one alphabet each.</summary>
    private static readonly string[] LatinAlphabets =
    [
        "àâæçéèêëîïôœùûüÿ", // French
        "äöüß", // German
        "áéíóúüñ", // Spanish
        "áâãàçéêíóôõú", // Portuguese
        "àèéìíîòóùú", // Italian
        "àçèéíïòóúü", // Catalan
        "éëïóöüáèà", // Dutch
        "åäöæøéü", // Scandinavian
        "áéíóúýþæöð", // Icelandic
        "ąćęłńóśźż", // Polish
        "áčďéěíňóřšťúůýž", // Czech
        "áäčďéíĺľňóôŕšťúýž", // Slovak
        "áéíóöőúüű", // Hungarian
        "ăâîșțşţ", // Romanian
        "čćđšž", // Croatian, Serbian, Slovene, Bosnian
        "çğıöşüâîû", // Turkish
        "ąčęėįšųūž", // Lithuanian
        "āčēģīķļņšūž", // Latvian
        "äõöüšž", // Estonian
        "çë", // Albanian
        "äö", // Finnish
    ];

    /// <summary>The canonical name of the encoding that best explains <paramref name="bytes"/>.</summary>
    public static string Detect(ReadOnlySpan<byte> bytes)
    {
        if (LooksUtf8(bytes)) return "utf-8";
        return Best(bytes).Name;
    }

    /// <summary>
    /// True when the bytes are UTF-8, allowing a few stray invalid bytes among many well-formed multi-byte characters
    /// (a page pasted together from two sources), since decoding those as a legacy encoding would garble every character.
    /// </summary>
    public static bool LooksUtf8(ReadOnlySpan<byte> bytes)
    {
        var (multiByte, invalid) = Utf8Counts(bytes);
        return invalid == 0 || multiByte >= 10 * invalid;
    }

    /// <summary>Well-formed multi-byte UTF-8 sequences and invalid sequences in <paramref name="bytes"/>.</summary>
    public static (int MultiByte, int Invalid) Utf8Counts(ReadOnlySpan<byte> bytes)
    {
        int multiByte = 0, invalid = 0;
        while (!bytes.IsEmpty)
        {
            var ascii = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (ascii < 0) break;
            bytes = bytes[ascii..];
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status == System.Buffers.OperationStatus.Done) multiByte++;
            else invalid++;
            bytes = bytes[Math.Max(1, consumed)..];
        }
        return (multiByte, invalid);
    }

    /// <summary>The best-scoring legacy candidate and its score (UTF-8 is not among them).</summary>
    public static (string Name, double Score) Best(ReadOnlySpan<byte> bytes)
    {
        var sample = Sample(bytes);
        var best = (Name: Candidates[0], Score: double.NegativeInfinity);
        foreach (var name in Candidates)
        {
            var text = WebEncodings.Decode(sample, name);
            var score = Score(text);
            // GB and Big5 hold kana, but Chinese text does not use them: kana mean the bytes are Japanese.
            if (name is "gbk" or "big5") score -= 4 * KanaCount(text);
            // A less common encoding must read clearly better, not just by a stray symbol that happens to be a letter.
            if (score > best.Score + Margin) best = (name, score);
        }
        return best;
    }

    /// <summary>The score of one encoding for <paramref name="bytes"/>, on the same sample <see cref="Best"/> weighs.</summary>
    public static double ScoreAs(ReadOnlySpan<byte> bytes, string canonicalName)
        => Score(WebEncodings.Decode(Sample(bytes), canonicalName));

    /// <summary>
    /// The bytes weighed: a long page's first non-ASCII byte may lie far beyond its scripts and styles, so the sample
    /// starts just before it. A cut inside a multi-byte character costs one replacement character, alike for all.
    /// </summary>
    private static ReadOnlySpan<byte> Sample(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= SampleBytes) return bytes;
        var firstHigh = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        var start = Math.Clamp(firstHigh - 256, 0, bytes.Length - SampleBytes);
        return bytes.Slice(start, SampleBytes);
    }

    /// <summary>
    /// How much <paramref name="text"/> looks like language: each non-ASCII character adds or takes away. A lower-case or
    /// caseless letter adds (kana and hangul, frequent in their languages and two bytes each, add most); a capital after
    /// a lower-case letter, a letter beside one of another script, a symbol between letters, an unknown byte or a control
    /// character take away.
    /// </summary>
    public static double Score(ReadOnlySpan<char> text)
    {
        double score = 0;
        Span<int> accented = stackalloc int[AccentedLast - AccentedFirst + 1];
        accented.Clear();
        var wordStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !IsWordBreak(text[i])) continue;
            if (i > wordStart) score += ScoreWord(text[wordStart..i], accented);
            wordStart = i + 1;
        }
        return score - 2 * OutsideBestAlphabet(accented);
    }

    private const char AccentedFirst = '\u00C0', AccentedLast = '\u024F';

    /// <summary>
    /// A text is mostly in one language: the accented Latin letters that the alphabet covering most of them leaves out
    /// (ø and ì in what would be Czech) are likely bytes of another encoding.
    /// </summary>
    private static int OutsideBestAlphabet(ReadOnlySpan<int> accented)
    {
        var total = 0;
        foreach (var n in accented) total += n;
        if (total == 0) return 0;
        var best = 0;
        foreach (var alphabet in LatinAlphabets)
        {
            var covered = 0;
            foreach (var c in alphabet) covered += accented[c - AccentedFirst];
            best = Math.Max(best, covered);
        }
        return total - best;
    }

    private static bool IsWordBreak(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\u00A0' or '<' or '>' or '"' or '=';

    private static double ScoreWord(ReadOnlySpan<char> word, Span<int> accented)
    {
        double score = 0;
        var hasHigh = false;
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (c < 0x80) continue;
            hasHigh = true;
            if (c == '\uFFFD' || c is >= '\u0080' and <= '\u009F' || char.IsControl(c) || c is >= '\uE000' and <= '\uF8FF')
            {
                score -= 5;
                continue;
            }
            var category = char.GetUnicodeCategory(c);
            if (!char.IsLetter(c))
            {
                if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark) continue;
                var afterLetter = i > 0 && char.IsLetter(word[i - 1]);
                var beforeLetter = i < word.Length - 1 && char.IsLetter(word[i + 1]);
                // Punctuation at a word's edge is normal („quotes“, dashes); between two letters it is mojibake, and so
                // is a symbol such as ± or ¶ stuck to a letter.
                if (afterLetter && beforeLetter) score -= 2;
                else if ((afterLetter || beforeLetter) && IsStraySymbol(c, category)) score -= 2;
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            if (lower is >= AccentedFirst and <= AccentedLast) accented[lower - AccentedFirst]++;
            var previous = i > 0 ? word[i - 1] : '\0';
            var next = i < word.Length - 1 ? word[i + 1] : '\0';
            if (char.IsLetter(previous) && !SameWriting(ScriptOf(previous), ScriptOf(c))) score -= 2;
            else if (char.IsLetter(next) && next < 0x80 && !SameWriting(ScriptOf(next), ScriptOf(c))) score -= 2;
            if (char.IsUpper(c))
            {
                if (char.IsLower(previous)) score -= 3;
                // A capital starting a word in lower case is how cased alphabets begin sentences and names.
                else if (!char.IsLetter(previous) && char.IsLower(next)) score += 1;
            }
            else
            {
                score += ScriptOf(c) switch
                {
                    // Latin words of one accented letter are vowels (à, é, è); a lone ť or ł is a misread symbol.
                    Script.Latin when word.Length == 1 => AccentedVowels.Contains(c, StringComparison.Ordinal) ? 1 : 0,
                    Script.Kana => 3,
                    // Korean puts spaces between words; a long run of hangul is Chinese or Japanese bytes misread.
                    Script.Hangul => word.Length <= MaxKoreanWord ? 2 : -1,
                    Script.Han => 1.5,
                    _ => 1,
                };
            }
        }
        if (hasHigh) score += AlphabetFit(word);
        return score;
    }

    /// <summary>Accented Latin letters of one word should all come from one language's alphabet.</summary>
    private static double AlphabetFit(ReadOnlySpan<char> word)
    {
        Span<char> accented = stackalloc char[8];
        var count = 0;
        foreach (var c in word)
        {
            if (c < 0xC0 || c > 0x24F || !char.IsLetter(c)) continue;
            var lower = char.ToLowerInvariant(c);
            if (accented[..count].Contains(lower)) continue;
            if (count == accented.Length) return -2;
            accented[count++] = lower;
        }
        if (count < 2) return 0;
        foreach (var alphabet in LatinAlphabets)
        {
            var fits = true;
            foreach (var c in accented[..count])
                if (!alphabet.Contains(c, StringComparison.Ordinal)) { fits = false; break; }
            if (fits) return count;
        }
        return -2 * count;
    }

    private static int KanaCount(string text)
    {
        var count = 0;
        foreach (var c in text)
            if (c is >= '\u3040' and <= '\u30FF') count++;
        return count;
    }

    private enum Script { Other, Latin, Greek, Cyrillic, Hebrew, Arabic, Thai, Kana, Hangul, Han }

    private static bool IsStraySymbol(char c, UnicodeCategory category)
        => c is not ('™' or '®' or '°' or '«' or '»' or '¡' or '¿' or '·')
            && (category is UnicodeCategory.MathSymbol or UnicodeCategory.OtherSymbol or UnicodeCategory.CurrencySymbol
                or UnicodeCategory.ModifierSymbol || c is >= '\u00A1' and <= '\u00BF');

    private static Script ScriptOf(char c) => c switch
    {
        < '\u0250' => Script.Latin,
        >= '\u1E00' and <= '\u1EFF' => Script.Latin,
        >= '\u0370' and <= '\u03FF' => Script.Greek,
        >= '\u1F00' and <= '\u1FFF' => Script.Greek,
        >= '\u0400' and <= '\u052F' => Script.Cyrillic,
        >= '\u0590' and <= '\u05FF' => Script.Hebrew,
        >= '\u0600' and <= '\u06FF' => Script.Arabic,
        >= '\u0E00' and <= '\u0E7F' => Script.Thai,
        >= '\u3040' and <= '\u30FF' => Script.Kana,
        >= '\uAC00' and <= '\uD7AF' => Script.Hangul,
        >= '\u3400' and <= '\u9FFF' => Script.Han,
        _ => Script.Other,
    };

    // Japanese mixes kana with Han characters, with no spaces between; Korean writes words of hangul alone.
    private static bool SameWriting(Script a, Script b)
        => a == b || (a is Script.Kana && b is Script.Han) || (a is Script.Han && b is Script.Kana);
}
