using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>Cuts a long sentence down to the clause around a point of interest, for timeline and quote lines.</summary>
public static class Clauses
{
    /// <summary>
    /// The clause of <paramref name="sentence"/> that holds <paramref name="focus"/>, grown across clause boundaries
    /// (commas, semicolons, dashes) until it has at least <paramref name="minWords"/> words.
    /// </summary>
    public static TextSpan Around(string text, TextSpan sentence, TextSpan focus, int minWords = 8, int maxWords = 30)
    {
        if (CountWords(text, sentence) <= maxWords) return sentence;
        var bounds = new List<int> { sentence.Start };
        for (var i = sentence.Start; i < sentence.End - 1; i++)
        {
            var c = text[i];
            if ((c is ',' or ';' or ':' || c == '\u2014') && text[i + 1] == ' ') bounds.Add(i + 1);
        }
        bounds.Add(sentence.End);
        var k = 0;
        while (k < bounds.Count - 2 && bounds[k + 1] <= focus.Start) k++;
        int lo = k, hi = k + 1;
        while (CountWords(text, TextSpan.FromBounds(bounds[lo], bounds[hi])) < minWords && (lo > 0 || hi < bounds.Count - 1))
        {
            if (hi < bounds.Count - 1) hi++;
            if (CountWords(text, TextSpan.FromBounds(bounds[lo], bounds[hi])) >= minWords) break;
            if (lo > 0) lo--;
        }
        var span = TextSpan.FromBounds(bounds[lo], bounds[hi]);
        return Trim(text, span);
    }

    public static int CountWords(string text, TextSpan span)
    {
        var n = 0;
        var inWord = false;
        for (var i = span.Start; i < span.End; i++)
        {
            var w = char.IsLetterOrDigit(text[i]);
            if (w && !inWord) n++;
            inWord = w;
        }
        return n;
    }

    /// <summary>The span without surrounding spaces and trailing clause punctuation.</summary>
    public static TextSpan Trim(string text, TextSpan span)
    {
        int s = span.Start, e = span.End;
        while (s < e && (char.IsWhiteSpace(text[s]) || text[s] is ',' or ';')) s++;
        while (e > s && (char.IsWhiteSpace(text[e - 1]) || text[e - 1] is ',' or ';' or ':' or '\u2014')) e--;
        return TextSpan.FromBounds(s, e);
    }

    /// <summary>A span's text on one line, whitespace collapsed.</summary>
    public static string OneLine(string text, TextSpan span)
        => string.Join(' ', span.Of(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
