namespace Dossier.Annotate.Figures;

internal enum LexKind : byte { Word, Number, Punct }

/// <summary>A word, a number (with its value) or one punctuation mark, as a range of the text.</summary>
internal readonly record struct Lexeme(int Start, int Length, LexKind Kind, double Value = 0)
{
    public int End => Start + Length;
    public ReadOnlySpan<char> Of(string text) => text.AsSpan(Start, Length);
}

/// <summary>
/// Our own light word scanner, so figure and quote rules do not depend on the tokenizer's choices:
/// numbers keep their thousands separators and decimals ("10,000", "1.5"), words keep inner
/// apostrophes and hyphens ("Korea's", "twenty-five").
/// </summary>
internal static class Lexer
{
    public static void Lex(string text, int start, int end, List<Lexeme> into)
    {
        into.Clear();
        start = Math.Max(0, start);
        end = Math.Min(text.Length, end);
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c)) { i++; continue; }
            if (char.IsAsciiDigit(c)) { i = LexNumber(text, i, end, into); continue; }
            if (char.IsLetter(c)) { i = LexWord(text, i, end, into); continue; }
            if (char.IsSurrogate(c) && i + 1 < end) { into.Add(new Lexeme(i, 2, LexKind.Punct)); i += 2; continue; }
            into.Add(new Lexeme(i, 1, LexKind.Punct));
            i++;
        }
    }

    private static int LexNumber(string text, int i, int end, List<Lexeme> into)
    {
        var start = i;
        // Digits are gathered into an integer mantissa and divided once, so "1.75" is exactly 1.75.
        double mantissa = 0;
        var decimals = 0;
        while (i < end)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c)) { mantissa = mantissa * 10 + (c - '0'); i++; continue; }
            // A thousands separator is a comma followed by exactly three digits.
            if (c == ',' && i + 3 < end && IsDigits(text, i + 1, 3) && (i + 4 >= end || !char.IsAsciiDigit(text[i + 4])))
            {
                i++;
                continue;
            }
            break;
        }
        if (i + 1 < end && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < end && char.IsAsciiDigit(text[i]))
            {
                if (decimals < 15) { mantissa = mantissa * 10 + (text[i] - '0'); decimals++; }
                i++;
            }
        }
        var value = decimals == 0 ? mantissa : mantissa / Math.Pow(10, decimals);
        into.Add(new Lexeme(start, i - start, LexKind.Number, value));
        return i;
    }

    private static bool IsDigits(string text, int from, int count)
    {
        if (from + count > text.Length) return false;
        for (var k = 0; k < count; k++)
            if (!char.IsAsciiDigit(text[from + k])) return false;
        return true;
    }

    private static int LexWord(string text, int i, int end, List<Lexeme> into)
    {
        var start = i;
        var segment = 0;
        while (i < end)
        {
            var c = text[i];
            if (char.IsLetter(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                i++;
                segment++;
                continue;
            }
            var nextIsLetter = i + 1 < end && char.IsLetter(text[i + 1]);
            if (nextIsLetter && (c == '\'' || c == '\u2019' || c == '-' || c == '\u2010' || c == '\u2011'))
            {
                i++;
                segment = 0;
                continue;
            }
            // Initialisms such as "U.S" or "p.m" keep their inner dots.
            if (nextIsLetter && c == '.' && segment == 1)
            {
                i++;
                segment = 0;
                continue;
            }
            break;
        }
        into.Add(new Lexeme(start, i - start, LexKind.Word));
        return i;
    }
}
