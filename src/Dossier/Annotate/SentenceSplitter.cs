using System.Collections.Frozen;
using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Splits text into sentences, surviving abbreviations, initials and quotations.</summary>
/// <remarks>
/// One left-to-right pass. A newline always ends a sentence; '.', '!', '?' and '…' end one when followed by
/// whitespace and a word that does not start in lower case, unless the period closes an abbreviation or an
/// initial and the next word is not a strong sentence starter, or the mark sits inside a quotation that is
/// closed later in the same paragraph. Sentences are capped at <see cref="MaxSentenceLength"/> characters.
/// </remarks>
public sealed class SentenceSplitter
{
    /// <summary>Longest sentence emitted: a longer run is cut at its last space, so later stages stay linear.</summary>
    public int MaxSentenceLength { get; }

    /// <summary>How far a quotation may run before an unclosed opening quote is taken for a stray mark.</summary>
    public int MaxQuotationLength { get; }

    public SentenceSplitter(int maxSentenceLength = 2000, int maxQuotationLength = 1500)
    {
        MaxSentenceLength = Math.Max(16, maxSentenceLength);
        MaxQuotationLength = Math.Max(16, maxQuotationLength);
    }

    public IReadOnlyList<TextSpan> Split(string text)
    {
        var result = new List<TextSpan>(Math.Max(4, text.Length / 120));
        var scan = new QuotationScan(text, MaxQuotationLength);
        var start = -1;         // first non-blank char of the current sentence
        var lastBlank = -1;     // last whitespace seen inside the current sentence, for forced cuts
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsParagraphBreak(c))
            {
                if (start >= 0) Emit(text, start, i, result);
                start = -1;
                lastBlank = -1;
                scan.ParagraphEnded();
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (start >= 0) lastBlank = i;
                i++;
                continue;
            }

            if (start < 0) start = i;

            if (i - start >= MaxSentenceLength)
            {
                // Forced cut: at the last space if any, else here (never inside a surrogate pair).
                var cut = lastBlank > start ? lastBlank : i;
                if (cut == i && char.IsLowSurrogate(c) && cut > start + 1) cut--;
                Emit(text, start, cut, result);
                start = -1;
                lastBlank = -1;
                i = cut;
                continue;
            }

            if (IsOpeningQuote(text, i)) scan.Opened(i);
            else if (IsClosingQuote(text, i)) scan.Closed();

            if (c is '.' or '!' or '?' or '…' or '‼' or '⁇' or '。')
            {
                var end = EndOfSentenceMarks(text, i, ref scan);
                if (IsBoundary(text, start, i, end, ref scan))
                {
                    Emit(text, start, end, result);
                    start = -1;
                    lastBlank = -1;
                }
                i = end;
                continue;
            }
            i++;
        }
        if (start >= 0) Emit(text, start, text.Length, result);
        return result;
    }

    /// <summary>Consumes a run of terminators, closing quotes and closing brackets after position i.</summary>
    private static int EndOfSentenceMarks(string text, int i, ref QuotationScan scan)
    {
        var j = i + 1;
        while (j < text.Length)
        {
            var c = text[j];
            if (c is '.' or '!' or '?' or '…' or '‼' or '⁇') { j++; continue; }
            if (c is ')' or ']' or '}') { j++; continue; }
            if (c is '”' or '»' or '’' || (c is '"' or '\'' && !IsOpeningQuote(text, j)))
            {
                if (c is not '’' and not '\'') scan.Closed();
                j++;
                continue;
            }
            break;
        }
        return j;
    }

    private static bool IsBoundary(string text, int start, int mark, int end, ref QuotationScan scan)
    {
        if (end >= text.Length) return true;
        if (!char.IsWhiteSpace(text[end])) return false; // "U.S.-led", "1.5", "example.com", "Yahoo!News"

        // The next visible character, skipping spaces and opening quotes or brackets.
        var k = end;
        while (k < text.Length && char.IsWhiteSpace(text[k]))
        {
            if (IsParagraphBreak(text[k])) return true;
            k++;
        }
        if (k >= text.Length) return true;
        var wordStart = k;
        while (wordStart < text.Length && text[wordStart] is '“' or '"' or '\'' or '‘' or '«' or '(' or '[') wordStart++;
        if (wordStart >= text.Length) return true;
        var next = text[wordStart];
        if (char.IsLower(next)) return false;
        if (next is ',' or ';' or ':' or '-' or '–' or '—') return false;

        if (scan.IsInside(mark)) return false;

        var terminator = text[mark];
        if (terminator != '.') return true;
        // An ellipsis before a capital reads as a stop; a single dot needs the abbreviation checks.
        if (mark + 1 < end && text[mark + 1] == '.') return true;

        var wordEnd = mark; // the word ends at the dot
        var w = wordEnd;
        while (w > 0 && wordEnd - w < 16 && (char.IsLetter(text[w - 1]) || text[w - 1] == '.')) w--;
        if (w == wordEnd)
        {
            // "1." "12." alone at the head of a line numbers a list item; "in 1990." ends a sentence.
            if (mark - start is > 0 and <= 3 && text.AsSpan(start, mark - start).IndexOfAnyExceptInRange('0', '9') < 0) return false;
            return true;
        }
        if (w > 0 && (char.IsLetterOrDigit(text[w - 1]) || text[w - 1] is '-' or '\'' or '’')) return true; // part of a longer token
        var word = text.AsSpan(w, wordEnd - w);

        if (word.Contains('.'))
            return StartsSentenceStrongly(text, wordStart); // U.S. / D.C. / e.g. / a.m.
        if (word.Length == 1)
            return char.IsUpper(word[0]) ? StartsSentenceStrongly(text, wordStart) : true; // initials: J. K. Rowling
        if (Abbreviations.IsTitle(word)) return false; // Mr. Dr. Gen. always precede a name
        if (word.Equals("No", StringComparison.OrdinalIgnoreCase) || word.Equals("Nos", StringComparison.OrdinalIgnoreCase)
            || word.Equals("Art", StringComparison.Ordinal) || word.Equals("Fig", StringComparison.OrdinalIgnoreCase))
            return !char.IsDigit(next);
        if (Abbreviations.IsAbbreviation(word))
            return !char.IsDigit(next) && StartsSentenceStrongly(text, wordStart);
        return true;
    }

    private static bool StartsSentenceStrongly(string text, int wordStart)
    {
        var e = wordStart;
        while (e < text.Length && e - wordStart < 20 && char.IsLetter(text[e])) e++;
        if (e == wordStart) return true; // a digit or a symbol after an initialism: take it as a new sentence
        return Abbreviations.IsSentenceStarter(text.AsSpan(wordStart, e - wordStart));
    }

    private static void Emit(string text, int start, int end, List<TextSpan> into)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        if (end > start) into.Add(TextSpan.FromBounds(start, end));
    }

    internal static bool IsParagraphBreak(char c) => c is '\n' or '\u2028' or '\u2029' or '\u0085';

    /// <summary>An opening quote: curly/guillemet always; a straight one when it follows a space, a bracket or the start.</summary>
    internal static bool IsOpeningQuote(string text, int i)
    {
        var c = text[i];
        if (c is '“' or '«' or '„') return true;
        if (c != '"') return false;
        return i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '[' or '{' or '—' or '–' or ':';
    }

    internal static bool IsClosingQuote(string text, int i)
    {
        var c = text[i];
        return c is '”' or '»' || (c == '"' && !IsOpeningQuote(text, i));
    }

    /// <summary>
    /// Tracks whether the scan is inside a quotation. Whether an opening quote is ever closed is learnt by looking
    /// ahead once per quotation, remembering how far no closing mark exists, so the whole pass stays linear.
    /// </summary>
    private struct QuotationScan(string text, int maxLength)
    {
        private int _openedAt = -1;
        private int _closesAt = -1;       // position of the closing mark, once looked up; -1 unknown
        private int _noCloseBefore = -1;  // no closing mark in [.., _noCloseBefore) beyond the last look-ahead start

        public void Opened(int at)
        {
            _openedAt = at;
            _closesAt = -1;
        }

        public void Closed() => _openedAt = -1;

        public void ParagraphEnded() => _openedAt = -1;

        public bool IsInside(int position)
        {
            if (_openedAt < 0) return false;
            if (_closesAt < 0)
            {
                var limit = Math.Min(text.Length, _openedAt + maxLength);
                var from = Math.Max(position + 1, _noCloseBefore);
                var found = -1;
                var k = from;
                for (; k < limit; k++)
                {
                    var c = text[k];
                    if (IsParagraphBreak(c)) break;
                    if (c is '”' or '»' || (c == '"' && !IsOpeningQuote(text, k))) { found = k; break; }
                }
                if (found < 0)
                {
                    _noCloseBefore = Math.Max(_noCloseBefore, k);
                    _openedAt = -1; // a stray quote: stop treating the text as quoted
                    return false;
                }
                _closesAt = found;
            }
            return position < _closesAt;
        }
    }
}

/// <summary>Abbreviations and sentence starters shared by the splitter and the tokenizer.</summary>
internal static class Abbreviations
{
    /// <summary>Titles written before a name: a period after them never ends a sentence.</summary>
    private static readonly FrozenSet<string> Titles = FrozenSet.Create(StringComparer.Ordinal,
        "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Mme", "Mlle", "Dr", "Drs", "Prof", "Gen", "Col", "Lt", "Sgt", "Cpl",
        "Pvt", "Capt", "Cmdr", "Cdr", "Maj", "Adm", "Brig", "Gov", "Sen", "Rep", "Reps", "Sens", "Rev", "Hon",
        "Pres", "Supt", "Insp", "Det", "Fr", "Sra", "Srta", "Lieut", "Amb", "Atty", "Msgr", "Gens");

    /// <summary>Other abbreviations: a period after them ends a sentence only before a strong sentence starter.</summary>
    private static readonly FrozenSet<string> Others = FrozenSet.Create(StringComparer.Ordinal,
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat",
        "etc", "vs", "Inc", "Corp", "Ltd", "Co", "Cos", "Bros", "Plc", "Jr", "Sr", "St", "Ste", "Mt", "Ft",
        "Ave", "Blvd", "Rd", "Dept", "Univ", "Assn", "Govt", "approx", "No", "Nos", "Vol", "Vols", "Art",
        "Fig", "pp", "cf", "al", "ca", "Calif", "Conn", "Ariz", "Colo", "Fla", "Ky", "Md", "Mich", "Minn",
        "Neb", "Nev", "Okla", "Tenn", "Tex", "Va", "Vt", "Wis", "Wyo", "Ala", "Ark", "Kan", "Sask", "Ont");

    /// <summary>Words that open English sentences far more often than they follow an abbreviation mid-sentence.</summary>
    private static readonly FrozenSet<string> Starters = FrozenSet.Create(StringComparer.Ordinal,
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those", "There",
        "Here", "But", "And", "Or", "So", "Yet", "Nor", "In", "On", "At", "For", "From", "With", "Without", "After",
        "Before", "During", "When", "While", "If", "As", "Although", "Though", "However", "Meanwhile", "Its", "His",
        "Her", "Their", "Our", "My", "Your", "Some", "Many", "Most", "All", "Both", "Each", "Every", "Other", "Such",
        "What", "Who", "Whom", "Why", "How", "Where", "Which", "Then", "Now", "Still", "Also", "Instead", "Since",
        "Until", "Because", "Despite", "According", "Last", "Earlier", "Later", "Today", "Yesterday", "Officials",
        "One", "Two", "Three", "Several", "Few", "More", "Under", "Over", "Among", "Between", "By", "To", "Not",
        "Nevertheless", "Moreover", "Furthermore", "Thus", "Therefore", "Indeed", "Even", "Only", "Once", "Asked",
        "Experts", "Analysts", "Critics", "Residents", "Police", "Authorities", "Neither", "Either", "Another",
        "Any", "Unlike", "Like", "Amid", "Following", "Further", "Separately", "Overall", "Yes", "Let", "Do",
        "Does", "Did", "Is", "Are", "Was", "Were", "Will", "Would", "Can", "Could", "Should", "Has", "Have", "Had");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TitleLookup = Titles.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> OtherLookup = Others.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StarterLookup = Starters.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsTitle(ReadOnlySpan<char> word) => TitleLookup.Contains(word);

    public static bool IsAbbreviation(ReadOnlySpan<char> word) => OtherLookup.Contains(word);

    public static bool IsSentenceStarter(ReadOnlySpan<char> word) => StarterLookup.Contains(word);
}
