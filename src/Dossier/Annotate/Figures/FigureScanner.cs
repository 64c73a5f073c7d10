using System.Collections.Frozen;
using Dossier.Model;

namespace Dossier.Annotate.Figures;

/// <summary>Reads the figures of one sentence from its lexemes: amount, bounds, counted noun and governing verb.</summary>
internal sealed class FigureScanner(string text, List<Lexeme> lx, List<FigureMention> into)
{
    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> UnitWords = FigureWords.Units.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> ScaleWords = FigureWords.Scales.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> ShortScaleWords = FigureWords.ShortScales.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> Vague = FigureWords.VaguePlurals.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CurrencyNames = FigureWords.CurrencyWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWords = FigureWords.Stop.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> MonthWords = FigureWords.Months.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Labels = FigureWords.LabelWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ClockWords = FigureWords.TimeWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Premods = FigureWords.Premodifiers.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Measures = FigureWords.MeasureUnits.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Classes = FigureWords.UnitClasses.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> DollarPrefixWords = FigureWords.DollarPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CodeWords = FigureWords.Codes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, (string[] Words, Bound Bound)[]>.AlternateLookup<ReadOnlySpan<char>> ModifierEnds = FigureWords.ModifiersByLastWord.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>An amount as read: its interval before any modifier, and the lexemes it covers.</summary>
    private record struct Amount(double Low, double? High, bool Approximate, int Start, int End, bool IsWord, bool HasScale, bool Plain, double Scale = 1);

    private int n;

    public void Scan()
    {
        n = lx.Count;
        var floor = 0;
        var i = 0;
        while (i < n)
        {
            if (!CanStart(i)) { i++; continue; }
            var next = TryFigure(i, floor);
            if (next > i) { floor = next; i = next; }
            else i++;
        }
    }

    private ReadOnlySpan<char> S(int i) => lx[i].Of(text);

    private bool IsWord(int i, string word) => i >= 0 && i < n && lx[i].Kind == LexKind.Word && S(i).Equals(word, StringComparison.OrdinalIgnoreCase);

    private bool IsPunct(int i, char c) => i >= 0 && i < n && lx[i].Kind == LexKind.Punct && text[lx[i].Start] == c;

    private bool IsDash(int i) => i >= 0 && i < n && lx[i].Kind == LexKind.Punct && text[lx[i].Start] is '-' or '\u2013' or '\u2014' or '\u2012';

    private bool Adjacent(int a, int b) => a >= 0 && b < n && lx[a].End == lx[b].Start;

    private bool CanStart(int i)
    {
        var l = lx[i];
        if (l.Kind == LexKind.Number) return true;
        var s = S(i);
        if (l.Kind == LexKind.Punct) return s.Length == 1 && IsCurrencySymbol(s[0]);
        if (UnitWords.ContainsKey(s) || Vague.ContainsKey(s) || IsCompoundNumberWord(s)) return true;
        if (s.Equals("a", StringComparison.OrdinalIgnoreCase) || s.Equals("an", StringComparison.OrdinalIgnoreCase)
            || s.Equals("half", StringComparison.OrdinalIgnoreCase) || s.Equals("several", StringComparison.OrdinalIgnoreCase)
            || s.Equals("few", StringComparison.OrdinalIgnoreCase))
            return i + 1 < n && ScaleWords.ContainsKey(S(i + 1)) || i + 2 < n && ScaleWords.ContainsKey(S(i + 2));
        if (s.Length <= 4 && (DollarPrefixWords.ContainsKey(s) || CodeWords.Contains(s)))
            return true;
        return false;
    }

    private static bool IsCurrencySymbol(char c) => c is '$' or '€' or '£' or '¥' or '₩' or '₽' or '₹' or '₴' or '₪' or '₺' or '₦' or '₱' or '฿' or '₫';

    /// <summary>Reads a figure starting at lexeme <paramref name="i"/>; returns the index after it, or <paramref name="i"/> when none.</summary>
    private int TryFigure(int i, int floor)
    {
        string? currency = null;
        var currencyStart = -1;
        var currencyEnd = -1;
        var j = i;
        if (lx[i].Kind == LexKind.Punct)
        {
            currency = FigureWords.Symbols[S(i).ToString()];
            currencyStart = currencyEnd = i;
            j = i + 1;
        }
        else if (lx[i].Kind == LexKind.Word && i + 1 < n && IsPunct(i + 1, '$') && Adjacent(i, i + 1)
            && FigureWords.DollarPrefixes.TryGetValue(S(i).ToString(), out var prefixed))
        {
            currency = prefixed;
            currencyStart = i;
            currencyEnd = i + 1;
            j = i + 2;
        }
        else if (lx[i].Kind == LexKind.Word && CodeWords.Contains(S(i)) && i + 1 < n && lx[i + 1].Kind == LexKind.Number)
        {
            currency = S(i).ToString();
            currencyStart = currencyEnd = i;
            j = i + 1;
        }
        if (j >= n) return i;

        var between = IsWord(i - 1, "between") || IsWord(i - 1, "from");
        if (!TryAmount(j, currency is not null, out var a)) return i;
        if (currency is not null && a.IsWord) return i;
        var k = a.End;
        double? low = a.Low;
        double? high = a.High;
        var approximate = a.Approximate;
        var plainYears = a.Plain && IsYear(a.Low);
        var isRange = false;

        // A range: "10,000-12,000", "10,000 to 12,000", "between 10 and 12", "$2bn-$3bn".
        if (k < n && (IsDash(k) || IsWord(k, "to") || (between && IsWord(k, "and"))))
        {
            var m = k + 1;
            if (currency is not null && m < n && lx[m].Kind == LexKind.Punct && FigureWords.Symbols.ContainsKey(S(m).ToString())) m++;
            if (m < n && (lx[m].Kind == LexKind.Number || !a.IsWord || IsWord(k, "to") || IsWord(k, "and")) && TryAmount(m, currency is not null, out var b) && b.IsWord == a.IsWord)
            {
                var aLow = a.Low;
                if (!a.HasScale && b.Scale > 1 && aLow * b.Scale <= b.Low) aLow *= b.Scale;
                if (IsDash(k) && lx[m].Kind == LexKind.Number && IsDash(b.End) && b.End + 1 < n && lx[b.End + 1].Kind == LexKind.Number)
                    return b.End + 2; // three dashed groups: a phone number or code
                if (IsDash(k) && Adjacent(j, k) && Adjacent(k, m) && a.Plain && b.Plain && lx[j].Length == 3 && lx[m].Length == 4 && !IsYear(b.Low))
                    return b.End; // "745-4811": a local phone number
                if (b.Low >= aLow && b.High is not null)
                {
                    low = aLow;
                    high = b.High;
                    approximate |= b.Approximate;
                    plainYears = plainYears && b.Plain && IsYear(b.Low);
                    k = b.End;
                    isRange = true;
                }
                else if (IsDash(k) && lx[m].Kind == LexKind.Number)
                {
                    return b.End; // "3-1": a score or a label, not an amount
                }
            }
        }

        // Percent and currency written after the amount.
        var kind = FigureKind.Count;
        string? unit = null;
        string? unitClass = null;
        TextSpan? unitSpan = null;
        if (k < n && IsPunct(k, '%'))
        {
            kind = FigureKind.Percent; unit = "%"; unitClass = "%"; unitSpan = lx[k].Span(); k++;
        }
        else if (IsWord(k, "percent") || IsWord(k, "pct") || IsWord(k, "pc") && currency is null)
        {
            kind = FigureKind.Percent; unit = "%"; unitClass = "%"; unitSpan = lx[k].Span(); k++;
        }
        else if (IsWord(k, "per") && IsWord(k + 1, "cent"))
        {
            kind = FigureKind.Percent; unit = "%"; unitClass = "%"; unitSpan = TextSpan.FromBounds(lx[k].Start, lx[k + 1].End); k += 2;
        }
        else if (IsWord(k, "percentage") && (IsWord(k + 1, "points") || IsWord(k + 1, "point")))
        {
            kind = FigureKind.Percent; unit = "percentage point"; unitClass = "percentage point"; unitSpan = TextSpan.FromBounds(lx[k].Start, lx[k + 1].End); k += 2;
        }
        if (kind == FigureKind.Count && currency is null && k < n && lx[k].Kind == LexKind.Word)
        {
            var w = S(k);
            if (FigureWords.Codes.Contains(w.ToString()))
            {
                currency = w.ToString(); currencyStart = currencyEnd = k; k++;
            }
            else if (FigureWords.DollarAdjectives.TryGetValue(w.ToString(), out var adjCode) && (IsWord(k + 1, "dollars") || IsWord(k + 1, "dollar")))
            {
                currency = adjCode; currencyStart = k; currencyEnd = k + 1; k += 2;
            }
            else if (CurrencyNames.TryGetValue(w, out var named))
            {
                currency = named; currencyStart = currencyEnd = k; k++;
            }
            // "billions of dollars": a vague amount of a currency.
            else if (a.IsWord && a.High is null && w.Equals("of", StringComparison.OrdinalIgnoreCase) && k + 1 < n && CurrencyNames.TryGetValue(S(k + 1), out var ofNamed))
            {
                currency = ofNamed; currencyStart = currencyEnd = k + 1; k += 2;
            }
        }
        if (currency is not null)
        {
            kind = FigureKind.Money;
            unit = currency;
            unitClass = currency;
            unitSpan = TextSpan.FromBounds(lx[currencyStart].Start, lx[currencyEnd].End);
        }

        var first = currencyStart >= 0 && currencyStart < j ? currencyStart : j;
        if (kind == FigureKind.Count && IsNotAnAmount(first, j, a, k)) return Math.Max(k, i + 1);
        if (plainYears && isRange && kind == FigureKind.Count) return k;

        // Modifiers before the amount.
        var spanStart = first;
        if (between && isRange) spanStart = first - 1;
        else
        {
            var (bound, modStart) = ModifierBefore(first, floor);
            if (modStart >= 0)
            {
                spanStart = modStart;
                ApplyBound(bound, ref low, ref high, ref approximate);
            }
            else if (first > floor && IsPunct(first - 1, '~'))
            {
                spanStart = first - 1;
                approximate = true;
            }
        }

        // Modifiers after: "or more", "or so", "10,000-plus".
        if (IsWord(k, "or") && (IsWord(k + 1, "more") || IsWord(k + 1, "above")))
        {
            high = null; k += 2;
        }
        else if (IsWord(k, "or") && IsWord(k + 1, "so"))
        {
            approximate = true; k += 2;
        }
        else if (IsDash(k) && IsWord(k + 1, "plus") && Adjacent(k - 1, k))
        {
            high = null; k += 2;
        }

        var end = k;
        var amountEnd = k;
        if (kind == FigureKind.Count)
        {
            var u = FindCountedNoun(k, a, out var unitIndex, out var unitFirst, out var measure, out var skipFigure);
            if (skipFigure) return Math.Max(u, i + 1);
            if (unitIndex >= 0)
            {
                // A plural model name ("777s") spans its digits and its "s".
                var from = unitFirst >= 0 ? unitFirst : unitIndex;
                var word = text[lx[from].Start..lx[unitIndex].End];
                unit = word;
                unitSpan = TextSpan.FromBounds(lx[from].Start, lx[unitIndex].End);
                unitClass = ClassOf(word);
                if (measure) kind = FigureKind.Quantity;
                end = unitIndex + 1;
            }
            else end = u;
            // A year standing alone ("in 2024", "2024's") is a date, not a count.
            if (plainYears && spanStart == first && IsTemporalWord(first - 1)) return Math.Max(end, i + 1);
            if (plainYears && (unitIndex < 0 || kind == FigureKind.Quantity || char.IsUpper(text[lx[unitIndex].Start]))) return Math.Max(end, i + 1);
            // Number words need a noun to count, and "one" is often a pronoun.
            if (a.IsWord && unitIndex < 0 && !a.HasScale && a.High is not null) return Math.Max(end, i + 1);
            if (a.IsWord && a.Low == 1 && !a.HasScale && (unitIndex < 0 || PronounOne(j))) return Math.Max(end, i + 1);
            // "one device", "a single page": a count of one says little unless it counts people or losses.
            if (a.Low == 1 && high == 1 && !a.HasScale && !isRange && (unitClass is null || !FigureWords.UnitClasses.ContainsKey(unit!))) return Math.Max(end, i + 1);
            // Spans of time belong to the time layer ("three years", "a 25-year lease").
            if (kind == FigureKind.Quantity && unit is not null && FigureWords.TimeUnits.Contains(unit)) return Math.Max(end, i + 1);
            // "the 787", "its 737-800": a bare number after a determiner names a model or an item.
            if (unitIndex < 0 && !a.IsWord && spanStart == first && IsDeterminerWord(first - 1)) return Math.Max(end, i + 1);
        }

        var verbAt = VerbBefore(spanStart, floor, out var verb);
        // "Ukraine said 11,000 troops crossed": the verb after the figure says what it did, the one before only reports it.
        if (verb is null || FigureWords.ReportingVerbs.Contains(verb))
        {
            var afterAt = VerbAfter(end, out var after);
            if (after is not null) (verbAt, verb) = (afterAt, after);
        }
        // "Jane Smith, 39, said": an age in apposition, not a count.
        if (kind == FigureKind.Count && unit is null && !a.IsWord && spanStart == first && IsPunct(first - 1, ',') && IsPunct(end, ',')
            && first >= 2 && lx[first - 2].Kind == LexKind.Word && char.IsUpper(text[lx[first - 2].Start]) && low < 130)
            return Math.Max(end, i + 1);
        var span = TextSpan.FromBounds(lx[spanStart].Start, lx[end - 1].End);
        into.Add(new FigureMention(span, kind, low, high, approximate)
        {
            Unit = unit,
            UnitClass = unitClass,
            UnitSpan = unitSpan,
            Verb = verb,
            VerbSpan = verb is null ? null : lx[verbAt].Span(),
            AmountSpan = TextSpan.FromBounds(lx[spanStart].Start, lx[Math.Max(spanStart, Math.Min(amountEnd, end) - 1)].End),
        });
        return end;
    }

    private bool IsDeterminerWord(int p)
    {
        if (p < 0 || lx[p].Kind != LexKind.Word) return false;
        foreach (var w in (ReadOnlySpan<string>)["the", "a", "an", "its", "their", "his", "her", "this", "that", "our", "your", "new"])
            if (S(p).Equals(w, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>Words that put a year-like number in time: "in 2020", "since 1998", "by 2030".</summary>
    private bool IsTemporalWord(int p)
    {
        if (p < 0 || lx[p].Kind != LexKind.Word) return false;
        foreach (var w in (ReadOnlySpan<string>)["in", "since", "by", "until", "till", "from", "of", "during", "before", "after", "early", "late", "mid", "year", "through", "and", "to", "or", "for", "around", "circa", "spring", "summer", "autumn", "fall", "winter", "fiscal", "season", "class"])
            if (S(p).Equals(w, StringComparison.OrdinalIgnoreCase)) return true;
        return MonthWords.Contains(S(p));
    }

    private static bool IsYear(double v) => v >= 1800 && v <= 2100 && v == Math.Floor(v);

    private static void ApplyBound(Bound bound, ref double? low, ref double? high, ref bool approximate)
    {
        switch (bound)
        {
            case Bound.Above:
            case Bound.AtLeast:
                high = null;
                break;
            case Bound.Below:
            case Bound.AtMost:
                high ??= low;
                low = null;
                break;
            case Bound.JustUnder:
                high ??= low;
                low = high * 0.9;
                approximate = true;
                break;
            case Bound.JustOver:
                high = low * 1.1;
                approximate = true;
                break;
            case Bound.About:
                approximate = true;
                break;
        }
    }

    /// <summary>Reads a bare amount: digits with scale, number words, "a dozen", "half a million", "thousands of".</summary>
    private bool TryAmount(int j, bool money, out Amount a)
    {
        a = default;
        if (j >= n) return false;
        var l = lx[j];
        if (l.Kind == LexKind.Number)
        {
            var value = l.Value;
            var k = j + 1;
            var hasScale = false;
            var factor = 1.0;
            var s = l.Of(text);
            var plain = s.IndexOfAny(',', '.') < 0;
            if (k < n && lx[k].Kind == LexKind.Word && Adjacent(j, k))
            {
                // Letters glued to digits: a multiplier ("12k", "2.3bn") or else a label, ordinal or time ("5G", "3rd", "4pm").
                if (ShortScaleWords.TryGetValue(S(k), out var glued)) { value *= glued; hasScale = true; factor = glued; k++; }
                else if (S(k).Length < 2 || !Measures.Contains(S(k)) || money) return false; // "500km", "2GB" keep their unit; "5G", "3rd", "4pm" are not amounts
            }
            else if (k < n && lx[k].Kind == LexKind.Word)
            {
                if (ScaleWords.TryGetValue(S(k), out var scale) && !S(k).Equals("dozen", StringComparison.OrdinalIgnoreCase))
                {
                    value *= scale; hasScale = true; factor = scale; k++;
                    if (k < n && ScaleWords.TryGetValue(S(k), out var scale2) && scale2 > scale && scale2 >= 1e3) { value *= scale2; factor *= scale2; k++; }
                }
                else if (money && ShortScaleWords.TryGetValue(S(k), out var shortScale))
                {
                    value *= shortScale; hasScale = true; factor = shortScale; k++;
                }
            }
            a = new Amount(value, value, false, j, k, false, hasScale, plain && !hasScale, factor);
            return true;
        }
        if (l.Kind != LexKind.Word) return false;
        var w = S(j);
        if ((w.Equals("a", StringComparison.OrdinalIgnoreCase) || w.Equals("an", StringComparison.OrdinalIgnoreCase))
            && j + 1 < n && ScaleWords.TryGetValue(S(j + 1), out var aScale))
        {
            var k = j + 2;
            var value = aScale;
            if (k < n && ScaleWords.TryGetValue(S(k), out var more) && more > aScale && more >= 1e3) { value *= more; k++; }
            a = new Amount(value, value, false, j, k, true, true, false);
            return true;
        }
        if (w.Equals("half", StringComparison.OrdinalIgnoreCase) && IsWord(j + 1, "a") && j + 2 < n && ScaleWords.TryGetValue(S(j + 2), out var hScale))
        {
            a = new Amount(hScale / 2, hScale / 2, false, j, j + 3, true, true, false);
            return true;
        }
        if (w.Equals("several", StringComparison.OrdinalIgnoreCase) || w.Equals("few", StringComparison.OrdinalIgnoreCase)
            || (w.Equals("a", StringComparison.OrdinalIgnoreCase) && IsWord(j + 1, "few")))
        {
            var k = w.Equals("a", StringComparison.OrdinalIgnoreCase) ? j + 2 : j + 1;
            if (k >= n || !ScaleWords.TryGetValue(S(k), out var fScale)) return false;
            var lowFactor = w.Equals("several", StringComparison.OrdinalIgnoreCase) ? 3 : 2;
            a = new Amount(lowFactor * fScale, 9 * fScale, true, j, k + 1, true, true, false);
            return true;
        }
        if (Vague.TryGetValue(w, out var vague))
        {
            var k = j + 1;
            // "tens of thousands", "hundreds of millions".
            if (IsWord(k, "of") && k + 1 < n && Vague.TryGetValue(S(k + 1), out var outer) && outer >= 1e3 && outer > vague)
            {
                vague *= outer;
                k += 2;
            }
            else if (w.Equals("tens", StringComparison.OrdinalIgnoreCase)) return false;
            a = new Amount(2 * vague, null, true, j, k, true, true, false);
            return true;
        }
        if (UnitWords.ContainsKey(w) || IsCompoundNumberWord(w))
        {
            double total = 0, current = 0;
            var k = j;
            var any = false;
            while (k < n && lx[k].Kind == LexKind.Word)
            {
                var s = S(k);
                if (UnitWords.TryGetValue(s, out var u)) { current += u; any = true; k++; continue; }
                if (IsCompoundNumberWord(s)) { current += CompoundValue(s); any = true; k++; continue; }
                if (any && ScaleWords.TryGetValue(s, out var sc))
                {
                    if (sc == 100) current = (current == 0 ? 1 : current) * 100;
                    else if (sc == 12) { current = (current == 0 ? 1 : current) * 12; k++; break; }
                    else { total += (current == 0 ? 1 : current) * sc; current = 0; }
                    k++;
                    continue;
                }
                // "one hundred and five", but not "between three and seven".
                if (any && (total > 0 || current >= 100) && s.Equals("and", StringComparison.OrdinalIgnoreCase) && k + 1 < n
                    && (UnitWords.ContainsKey(S(k + 1)) || IsCompoundNumberWord(S(k + 1))))
                {
                    k++;
                    continue;
                }
                break;
            }
            if (!any) return false;
            var value = total + current;
            var scaled = k - j > 1 && value >= 100;
            a = new Amount(value, value, false, j, k, true, scaled, false);
            return true;
        }
        return false;
    }

    private static bool IsCompoundNumberWord(ReadOnlySpan<char> s)
    {
        var dash = s.IndexOfAny('-', '\u2010', '\u2011');
        if (dash <= 0 || dash == s.Length - 1) return false;
        return UnitWords.TryGetValue(s[..dash], out var tens) && tens >= 20 && tens % 10 == 0
            && UnitWords.TryGetValue(s[(dash + 1)..], out var ones) && ones is > 0 and < 10;
    }

    private static double CompoundValue(ReadOnlySpan<char> s)
    {
        var dash = s.IndexOfAny('-', '\u2010', '\u2011');
        return UnitWords[s[..dash]] + UnitWords[s[(dash + 1)..]];
    }

    /// <summary>Dates, clock times, labels, identifiers and phone numbers look like numbers but are not amounts.</summary>
    private bool IsNotAnAmount(int first, int j, Amount a, int end)
    {
        if (a.IsWord) return false;
        var start = lx[j].Start;
        if (text[start] == '0' && lx[j].Length > 1 && char.IsAsciiDigit(text[start + 1])) return true; // "007", "0800"
        var stop = lx[a.End - 1].End;
        if (start > 0)
        {
            var before = text[start - 1];
            if (char.IsLetter(before) || before is '#' or '/' or '+' or '_') return true; // G7, #5, 11/29, +1
            if (before is '-' or '\u2010' or '\u2011' && start > 1 && char.IsLetterOrDigit(text[start - 2])) return true; // F-16, COVID-19
            if (before is '.' or ':' && start > 1 && char.IsAsciiDigit(text[start - 2])) return true; // 1.2.3, 4:59
        }
        if (stop < text.Length)
        {
            var after = text[stop];
            if (after is ':' or '/' && stop + 1 < text.Length && char.IsAsciiDigit(text[stop + 1])) return true; // 4:59, 11/29
            if (after == '.' && stop + 1 < text.Length && char.IsAsciiDigit(text[stop + 1])) return true; // versions, IP addresses
            if (char.IsLetter(after) && a.End == j + 1 && !(a.End < n && S(a.End).Length > 1 && Measures.Contains(S(a.End)))) return true;
        }
        // Digit groups after digits read as a phone number or a code ("+44 20 7946").
        if (j > 0 && lx[j - 1].Kind == LexKind.Number && a.Plain) return true;
        if (end < n && lx[end].Kind == LexKind.Number && a.Plain && !IsDash(end - 1) && !(end + 1 < n && Adjacent(end, end + 1) && lx[end + 1].Kind == LexKind.Word)) return true;
        if (end < n && lx[end].Kind == LexKind.Word && (ClockWords.Contains(S(end)) || MonthWords.Contains(S(end)))) return true;
        if (IsWord(end, "of") && end + 1 < n && MonthWords.Contains(S(end + 1))) return true; // "29th of November"
        var p = first - 1;
        if (IsPunct(p, '.') && p > 0 && lx[p - 1].Kind == LexKind.Word && Adjacent(p - 1, p)) p--; // "Nov. 29", "No. 5"
        if (p >= 0 && lx[p].Kind == LexKind.Word)
        {
            var w = S(p);
            if (MonthWords.Contains(w) || Labels.Contains(w)) return true;
            for (var c = 1; c < w.Length; c++)
                if (char.IsUpper(w[c]) && char.IsLower(w[c - 1]) && a.End == end) return true; // "iPhone 4", "macOS 14"
            // A capitalised word right before a bare number names a thing: "Resolution 2231", "Boeing 737".
            if (char.IsUpper(w[0]) && p > 0 && !StopWords.Contains(w) && !IsPossessive(w) && !IsModifierWord(w)
                && !FigureWords.DollarAdjectives.ContainsKey(w.ToString()) && a.End == end)
                return true;
        }
        if (IsPunct(first - 1, '(') && IsPunct(a.End, ')')) return a.Plain && lx[j].Length == 3 && end + 1 < n && lx[end + 1].Kind == LexKind.Number; // (202) 555
        return false;
    }

    private static bool IsPossessive(ReadOnlySpan<char> w)
        => w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("\u2019s", StringComparison.Ordinal) || w.EndsWith("s'", StringComparison.Ordinal);

    private static bool IsModifierWord(ReadOnlySpan<char> w)
    {
        if (ModifierEnds.ContainsKey(w)) return true;
        return w.Equals("between", StringComparison.OrdinalIgnoreCase) || w.Equals("some", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The longest modifier phrase ending just before <paramref name="first"/>, not reaching before <paramref name="floor"/>.</summary>
    private (Bound Bound, int Start) ModifierBefore(int first, int floor)
    {
        var best = -1;
        var bestBound = Bound.About;
        if (first - 1 < 0 || lx[first - 1].Kind != LexKind.Word || !ModifierEnds.TryGetValue(S(first - 1), out var candidates))
            candidates = [];
        foreach (var (words, bound) in candidates)
        {
            var start = first - words.Length;
            if (start < floor || start < 0) continue;
            var ok = true;
            for (var w = 0; w < words.Length && ok; w++) ok = IsWord(start + w, words[w]);
            if (ok && (best < 0 || start < best)) { best = start; bestBound = bound; }
        }
        // "approx." keeps its dot.
        if (best < 0 && IsPunct(first - 1, '.') && IsWord(first - 2, "approx") && first - 2 >= floor) return (Bound.About, first - 2);
        return (bestBound, best);
    }

    private bool PronounOne(int j)
    {
        if (j > 0 && lx[j - 1].Kind == LexKind.Word)
        {
            var p = S(j - 1);
            foreach (var d in (ReadOnlySpan<string>)["the", "this", "that", "no", "any", "every", "each", "which", "only", "last", "another", "someone", "anyone"])
                if (p.Equals(d, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return IsWord(j + 1, "of") || IsWord(j + 1, "another");
    }

    /// <summary>
    /// Finds what a count counts: the first plural noun after it, over adjectives ("10,000 North Korean soldiers"),
    /// or after "of" ("thousands of people"). Returns the index where the phrase ends.
    /// </summary>
    private int FindCountedNoun(int k, Amount a, out int unitIndex, out int unitFirst, out bool measure, out bool skipFigure)
    {
        unitIndex = -1;
        unitFirst = -1;
        measure = false;
        skipFigure = false;
        var u = k;
        var collective = false;
        // "1,200-strong force", "30-minute", "19-year-old".
        if (IsDash(u) && Adjacent(u - 1, u) && u + 1 < n && lx[u + 1].Kind == LexKind.Word && Adjacent(u, u + 1))
        {
            var w = S(u + 1);
            if (w.Equals("strong", StringComparison.OrdinalIgnoreCase)) { u += 2; collective = true; }
            else if (w.EndsWith("-old", StringComparison.OrdinalIgnoreCase)) { skipFigure = true; return u + 2; }
            else if (Measures.Contains(w)) { unitIndex = u + 1; measure = true; return u + 2; }
            else return u;
        }
        else if (u < n && lx[u].Kind == LexKind.Word && Adjacent(u - 1, u) && lx[u - 1].Kind == LexKind.Word
            && S(u - 1).EndsWith("-old", StringComparison.OrdinalIgnoreCase))
        {
            return u;
        }
        if (IsWord(u, "of") && (a.High is null || a.HasScale || a.Approximate)) u++;
        var single = a.Low == 1 && !a.HasScale || collective;
        var last = -1;
        for (var w = u; w < n && w < u + 6; w++)
        {
            // Model names inside the phrase ("Airbus A320 jets", "Trent 900 engines", "18 777s") are stepped over.
            if (lx[w].Kind == LexKind.Word && w + 1 < n && Adjacent(w, w + 1) && lx[w + 1].Kind == LexKind.Number) continue;
            if (lx[w].Kind == LexKind.Number && (Adjacent(w - 1, w) && lx[w - 1].Kind == LexKind.Word
                || w + 1 < n && Adjacent(w, w + 1) && lx[w + 1].Kind == LexKind.Word
                || w > u && lx[w - 1].Kind == LexKind.Word && char.IsUpper(text[lx[w - 1].Start])))
            {
                if (w + 1 < n && Adjacent(w, w + 1) && lx[w + 1].Kind == LexKind.Word && S(w + 1).Equals("s", StringComparison.Ordinal))
                {
                    unitIndex = w + 1;
                    unitFirst = w;
                    break;
                }
                continue;
            }
            if (lx[w].Kind != LexKind.Word) break;
            var s = S(w);
            var allCaps = s.Length > 1 && IsAllUpper(s);
            if (!allCaps && StopWords.Contains(s)) break;
            if (s.EndsWith("ly", StringComparison.OrdinalIgnoreCase) && s.Length > 4 && !Classes.ContainsKey(s)) break;
            if (IsPossessive(s)) break;
            if (Classes.ContainsKey(s) || Measures.Contains(s))
            {
                unitIndex = w;
                measure = Measures.Contains(s) && !Classes.ContainsKey(s);
                break;
            }
            var lower = s.ToString().ToLowerInvariant();
            if (Premods.Contains(s)) { continue; }
            if (LooksLikeVerb(lower) && !char.IsUpper(s[0])) break;
            if (!single && Lemmas.LooksPlural(lower)) { unitIndex = w; break; }
            last = w;
        }
        if (unitIndex < 0 && single && last >= 0) unitIndex = last;
        return unitIndex >= 0 ? unitIndex + 1 : k;
    }

    private static bool IsAllUpper(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (char.IsLetter(c) && !char.IsUpper(c)) return false;
        return true;
    }

    private static string ClassOf(string word)
    {
        if (FigureWords.UnitClasses.TryGetValue(word, out var cls)) return cls;
        var singular = Lemmas.Singular(word);
        return FigureWords.UnitClasses.TryGetValue(singular, out cls) ? cls : singular;
    }

    private static bool LooksLikeVerb(string lower)
        => Lemmas.IsIrregularVerbForm(lower) && !FigureWords.UnitClasses.ContainsKey(lower)
           || lower.Length > 4 && lower.EndsWith("ed", StringComparison.Ordinal) && !NotVerbs.Contains(lower)
           || lower.Length > 5 && lower.EndsWith("ing", StringComparison.Ordinal) && !NotVerbs.Contains(lower);

    /// <summary>Words that end like verb forms but are not verbs.</summary>
    private static readonly FrozenSet<string> NotVerbs = new[]
    {
        "hundred", "sacred", "naked", "wicked", "kindred", "beloved", "rugged", "ragged", "crooked", "wretched",
        "learned", "aged", "blessed", "during", "according", "morning", "evening", "meeting", "building", "thing",
        "nothing", "something", "anything", "everything", "king", "ring", "spring", "string", "wing", "ceiling",
        "funding", "wedding", "ending", "bring", "sibling", "pudding", "clothing", "offspring", "earnings",
        "beijing", "viking", "feeling", "briefing", "hearing", "ruling", "filing", "warning", "shelling", "bombing",
        "shooting", "fighting", "opening", "training", "housing", "heating", "listing", "rating", "ranking",
        "reading", "setting", "standing", "understanding", "uprising", "wellbeing", "lightning", "shipping",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> BaseVerbs = new[]
    {
        "send", "deploy", "kill", "give", "take", "have", "get", "make", "receive", "pay", "cost", "raise", "cut",
        "add", "lose", "win", "spend", "employ", "hire", "evacuate", "displace", "injure", "wound", "arrest", "detain",
        "release", "free", "hold", "hit", "reach", "total", "number", "exceed", "sell", "buy", "build", "produce",
        "export", "import", "provide", "supply", "offer", "owe", "borrow", "lend", "invest", "seek", "demand",
        "rescue", "carry", "transport", "move", "station", "mobilise", "mobilize", "recruit", "train", "dispatch",
        "contribute", "donate", "allocate", "approve", "fire", "launch", "shoot", "capture", "seize", "destroy",
        "damage", "affect", "house", "host", "shelter", "attract", "draw", "gather", "join", "leave", "flee", "die",
        "serve", "include", "involve", "contain", "count", "record", "report", "claim", "estimate", "earn", "save",
        "grow", "rise", "fall", "drop", "increase", "decrease", "reduce", "double", "triple", "lift", "boost",
        "need", "want", "require", "plan", "expect", "commit", "pledge", "promise", "allocate", "ship", "deliver",
        "field", "amass", "mass", "withdraw", "pull", "lay", "accept", "admit", "welcome", "vaccinate", "test",
        "infect", "sicken", "strand", "trap", "bury", "identify", "find", "see", "hire", "fund", "sign",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Auxiliaries = new[]
    {
        "is", "are", "was", "were", "be", "been", "being", "am", "will", "would", "shall", "should", "can", "could",
        "may", "might", "must", "do", "does", "did", "not", "to",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The verb a word is a form of, when it plainly is one.</summary>
    private static string? VerbLemma(ReadOnlySpan<char> word, bool allowBase)
    {
        var lower = word.ToString().ToLowerInvariant();
        if (Auxiliaries.Contains(lower)) return null;
        if (Lemmas.IrregularVerb(lower) is { } irregular) return irregular == "be" ? null : irregular;
        if (allowBase && BaseVerbs.Contains(lower)) return lower;
        if (NotVerbs.Contains(lower)) return null;
        if (lower.Length > 4 && lower.EndsWith("ed", StringComparison.Ordinal)) return Lemmas.Verb(lower);
        if (lower.Length > 5 && lower.EndsWith("ing", StringComparison.Ordinal)) return Lemmas.Verb(lower);
        if (allowBase && lower.Length > 3 && lower.EndsWith('s'))
        {
            var lemma = Lemmas.Verb(lower);
            if (BaseVerbs.Contains(lemma)) return lemma;
        }
        return null;
    }

    /// <summary>The nearest verb before the figure in its clause ("has sent over 10,000" → "send").</summary>
    private int VerbBefore(int start, int floor, out string? verb)
    {
        verb = null;
        for (var p = start - 1; p >= 0 && p >= start - 6; p--)
        {
            var l = lx[p];
            if (l.Kind != LexKind.Word) return -1;
            if (p < floor) return -1;
            var s = S(p);
            if (char.IsUpper(s[0]) && p > 0) continue; // names are not verbs
            verb = VerbLemma(s, allowBase: true);
            if (verb is not null) return p;
            // After "to" or a modal, a bare word is a verb in its base form ("to purchase 60").
            if (p > 0 && lx[p - 1].Kind == LexKind.Word && IsInfinitiveMarker(S(p - 1)) && !StopWords.Contains(s))
            {
                verb = s.ToString().ToLowerInvariant();
                return p;
            }
            // A clause or prepositional phrase boundary: the verb beyond it governs something else.
            foreach (var w in (ReadOnlySpan<string>)["that", "which", "who", "between", "among", "with", "in", "on", "at", "for", "from", "into", "during", "after", "before", "against", "and", "but", "while", "when"])
                if (s.Equals(w, StringComparison.OrdinalIgnoreCase)) return -1;
        }
        return -1;
    }

    private static bool IsInfinitiveMarker(ReadOnlySpan<char> w)
    {
        foreach (var m in (ReadOnlySpan<string>)["to", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "did", "not"])
            if (w.Equals(m, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>The verb right after a figure in subject position ("12,000 troops were deployed" → "deploy").</summary>
    private int VerbAfter(int end, out string? verb)
    {
        verb = null;
        var p = end;
        var hops = 0;
        while (p < n && hops < 4 && lx[p].Kind == LexKind.Word)
        {
            var s = S(p);
            var lower = s.ToString().ToLowerInvariant();
            if (Auxiliaries.Contains(lower) || lower is "have" or "has" or "had" || lower.EndsWith("ly", StringComparison.Ordinal) && lower.Length > 4)
            {
                p++; hops++;
                continue;
            }
            if (lower == "to") return -1;
            verb = VerbLemma(s, allowBase: hops > 0);
            return verb is null ? -1 : p;
        }
        return -1;
    }
}

internal static class LexemeExtensions
{
    public static TextSpan Span(this Lexeme l) => new(l.Start, l.Length);
}
