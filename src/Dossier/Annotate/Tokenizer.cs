using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Splits a range of text into word, number and punctuation tokens.</summary>
/// <remarks>
/// Words keep inner hyphens and apostrophes ("Kwang-chol", "don't"), but a possessive "'s" is its own token.
/// Numbers keep inner separators between digits ("10,000", "1.5", "2024-11-29"). Abbreviations keep their
/// dots ("U.S.", "Nov.", "Mr."). Everything else is one token per character, except runs of dots ("...").
/// </remarks>
public sealed class Tokenizer
{
    public void Tokenize(string text, TextSpan range, List<Token> into)
    {
        var start = Math.Clamp(range.Start, 0, text.Length);
        var end = Math.Clamp(range.End, start, text.Length);
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }

            int next;
            if (char.IsDigit(c)) next = ScanNumber(text, i, end);
            else if (IsWordChar(c)) next = ScanWord(text, i, end);
            else if (c == '.' ) { next = i + 1; while (next < end && text[next] == '.') next++; }
            else if ((c is '\'' or '’') && IsPossessiveS(text, i, end)) next = i + 2;
            else if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1])) next = i + 2;
            else next = i + 1;

            into.Add(new Token(i, next - i));
            i = next;
        }
    }

    private static bool IsWordChar(char c)
        => char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>"'s" followed by a non-letter: the possessive (or "is"/"has") clitic.</summary>
    private static bool IsPossessiveS(string text, int i, int end)
        => i + 1 < end && text[i + 1] is 's' or 'S' && (i + 2 >= end || !IsWordChar(text[i + 2]));

    private static int ScanNumber(string text, int i, int end)
    {
        var j = i;
        while (j < end && char.IsDigit(text[j])) j++;
        // Inner separators between digits: 10,000 / 1.5 / 2024-11-29 / 9/11 / 10:30.
        while (j + 1 < end && text[j] is ',' or '.' or '-' or '/' or ':' && char.IsDigit(text[j + 1]))
        {
            j++;
            while (j < end && char.IsDigit(text[j])) j++;
        }
        // Ordinal and decade suffixes stay ("5th", "1990s"); units split off ("10km" -> "10" "km").
        var k = j;
        while (k < end && char.IsLetter(text[k])) k++;
        if (k > j && (k >= end || !IsWordChar(text[k])))
        {
            var suffix = text.AsSpan(j, k - j);
            if (suffix is "st" or "nd" or "rd" or "th" or "s" or "ST" or "ND" or "RD" or "TH") return k;
        }
        // A digit-led word such as "3D" or "4x4" or "1st-century" keeps together when letters follow at once and mix.
        if (k > j && k - j <= 3 && k < end && char.IsDigit(text[k])) return ScanWord(text, i, end);
        return j;
    }

    private static int ScanWord(string text, int i, int end)
    {
        var j = i;
        while (true)
        {
            while (j < end && IsWordChar(text[j])) j++;
            if (j + 1 >= end) break;
            var c = text[j];
            if (c is '-' or '‐' && IsWordChar(text[j + 1])) { j++; continue; }
            if (c is '\'' or '’' && char.IsLetter(text[j + 1]))
            {
                if (IsPossessiveS(text, j, end)) break; // "Russia's" -> "Russia" "'s"
                j++;
                continue;
            }
            break;
        }
        if (j < end && text[j] == '.') return AbbreviationEnd(text, i, j, end);
        return j;
    }

    /// <summary>Extends a word over the period of an abbreviation ("Mr.", "Nov.") or an initialism ("U.S.", "e.g.").</summary>
    private static int AbbreviationEnd(string text, int wordStart, int dot, int end)
    {
        var word = text.AsSpan(wordStart, dot - wordStart);
        if (word.Length == 1 && char.IsLetter(word[0]))
        {
            // Letter-dot pairs: U.S. / U.S.A. / e.g. / a.m. ; or a single initial "J."
            var j = dot + 1;
            var pairs = 1;
            while (j + 1 < end && char.IsLetter(text[j]) && text[j + 1] == '.' && (j + 2 >= end || !IsWordChar(text[j + 2])))
            {
                j += 2;
                pairs++;
            }
            if (pairs > 1) return j;
            if (char.IsUpper(word[0]) && (dot + 1 >= end || !IsWordChar(text[dot + 1]))) return dot + 1;
            return dot;
        }
        if (dot + 1 < end && IsWordChar(text[dot + 1])) return dot; // "example.com": not an abbreviation
        if (Abbreviations.IsTitle(word)) return dot + 1;
        if (word is "No" or "Nos" or "no" or "Art" or "Fig")
        {
            var k = dot + 1;
            while (k < end && text[k] == ' ') k++;
            return k < end && char.IsDigit(text[k]) ? dot + 1 : dot;
        }
        return Abbreviations.IsAbbreviation(word) ? dot + 1 : dot;
    }
}
