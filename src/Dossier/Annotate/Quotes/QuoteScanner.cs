using Dossier.Annotate.Figures;
using Dossier.Model;

namespace Dossier.Annotate.Quotes;

/// <summary>Attributes quoted stretches and finds reported speech, sentence by sentence.</summary>
internal sealed class QuoteScanner(QuoteContext ctx, List<QuotePiece> pieces, List<QuoteMention> into, Func<string, bool> isRole)
{
    /// <summary>How far after a closing mark the attribution clause may run.</summary>
    private const int MaxClause = 240;

    private readonly string text = ctx.Text;
    private readonly List<Lexeme> lx = [];

    private static readonly System.Collections.Frozen.FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> FormLookup
        = SpeechWords.Forms.GetAlternateLookup<ReadOnlySpan<char>>();

    public void Run()
    {
        FindQuoted();
        FindReported();
    }

    // ---- Direct and partial quotes ----

    private void FindQuoted()
    {
        Attribution? previous = null;
        var previousParagraph = -1;
        var i = 0;
        while (i < pieces.Count)
        {
            var g = i;
            while (g + 1 < pieces.Count && pieces[g + 1].Group == pieces[i].Group) g++;
            var first = pieces[i];
            var last = pieces[g];
            var paragraph = ctx.ParagraphOf(first.Open);
            var words = 0;
            for (var k = i; k <= g && words < 3; k++) words += CountWords(pieces[k].ContentStart, pieces[k].ContentEnd);

            var clauseStart = ClauseStart(first.Open);
            var startsSentence = !HasWord(clauseStart, first.Open);
            var after = last.Close >= 0 ? After(last) : null;
            Attribution? attribution;
            QuoteKind kind;
            if (startsSentence)
            {
                kind = QuoteKind.Direct;
                attribution = after;
                // An unattributed quotation right after an attributed one in the same or the previous paragraph continues it.
                if (attribution is null && previous is not null
                    && (previousParagraph == paragraph || (previousParagraph == paragraph - 1 && ctx.ParagraphStart(first.Open) == first.Open)))
                    attribution = previous;
            }
            else
            {
                var (before, direct) = Before(clauseStart, first);
                kind = direct ? QuoteKind.Direct : QuoteKind.Partial;
                // '... a flaw that "could allow attacks," the company said': a comma inside the closing mark hands over to what follows.
                attribution = after is not null && EndsWithComma(last) ? after : before ?? after;
                if (attribution is null && words >= 3) attribution = SubjectOfSentence(first.Open);
                if (attribution is null) { i = g + 1; continue; } // scare quotes
            }
            if (words < 3 && attribution?.SpeakerName is null && (kind == QuoteKind.Partial || attribution is null)) { i = g + 1; continue; }

            for (var k = i; k <= g; k++)
            {
                var p = pieces[k];
                into.Add(new QuoteMention(TextSpan.FromBounds(p.ContentStart, p.ContentEnd), kind)
                {
                    Speaker = attribution?.Speaker,
                    SpeakerName = attribution?.SpeakerName,
                    Cue = attribution?.Cue,
                    Via = attribution?.Via,
                });
            }
            if (attribution is not null && kind == QuoteKind.Direct)
            {
                previous = attribution;
                previousParagraph = ctx.ParagraphOf(last.Open);
            }
            i = g + 1;
        }
    }

    private bool EndsWithComma(QuotePiece piece)
    {
        for (var i = piece.Close - 1; i > piece.Open; i--)
        {
            if (char.IsWhiteSpace(text[i])) continue;
            return text[i] == ',';
        }
        return false;
    }

    private int CountWords(int from, int to)
    {
        var count = 0;
        var inWord = false;
        for (var i = from; i < to && count < 3; i++)
        {
            var w = char.IsLetterOrDigit(text[i]);
            if (w && !inWord) count++;
            inWord = w;
        }
        return count;
    }

    private bool HasWord(int from, int to)
    {
        for (var i = from; i < to; i++)
            if (char.IsLetterOrDigit(text[i])) return true;
        return false;
    }

    /// <summary>Where the clause holding <paramref name="pos"/> begins: its sentence, its paragraph or the last closing mark.</summary>
    private int ClauseStart(int pos)
    {
        var s = ctx.SentenceOf(pos);
        var start = s >= 0 ? ctx.SentenceSpan(s).Start : 0;
        start = Math.Max(start, ctx.ParagraphStart(pos));
        start = Math.Max(start, pos - 600);
        // Not before the end of an earlier quotation in the same sentence.
        for (var i = pos - 1; i >= start; i--)
        {
            var c = text[i];
            if (c is '\u201D' or '"' && !IsInsideWord(i)) { start = i + 1; break; }
        }
        return Math.Max(0, start);
    }

    private bool IsInsideWord(int i) => i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);

    /// <summary>The attribution written before the quotation: "X said: ...", "According to X, ... is ...".</summary>
    private (Attribution? Attribution, bool Direct) Before(int clauseStart, QuotePiece first)
    {
        Lexer.Lex(text, clauseStart, first.Open, lx);
        if (lx.Count == 0) return (null, false);
        var cue = -1;
        for (var k = lx.Count - 1; k >= 0; k--)
        {
            if (IsCue(k)) { cue = k; break; }
        }
        if (cue < 0) return (null, false);
        var attribution = SpeakerFor(cue);
        var lastMark = lx[^1];
        var upper = first.ContentStart < text.Length && !char.IsLower(text[first.ContentStart]);
        var direct = upper && lastMark.Kind == LexKind.Punct && text[lastMark.Start] is ':' or ',';
        for (var k = cue + 1; k < lx.Count && direct; k++)
            if (IsWord(k, "that") || IsWord(k, "as") && !IsWord(cue, "quoted")) direct = false;
        return (attribution, direct);
    }

    /// <summary>The attribution after the closing mark: ', X said.', ', said X.', ', X was quoted as saying by Y.'</summary>
    private Attribution? After(QuotePiece last)
    {
        var start = last.Close + 1;
        var end = ClauseEnd(start);
        Lexer.Lex(text, start, end, lx);
        if (lx.Count == 0) return null;
        var closedWithStop = false;
        for (var i = last.Close - 1; i > last.Open; i--)
        {
            if (char.IsWhiteSpace(text[i])) continue;
            closedWithStop = text[i] == '.';
            break;
        }
        var limit = closedWithStop ? 4 : 28;
        for (var k = 0; k < lx.Count && k < limit; k++)
        {
            if (lx[k].Kind == LexKind.Punct && text[lx[k].Start] is '\u201C' or '"') break;
            if (IsCue(k)) return SpeakerFor(k);
        }
        return null;
    }

    /// <summary>The end of the sentence or clause starting at <paramref name="start"/>.</summary>
    private int ClauseEnd(int start)
    {
        var max = Math.Min(text.Length, start + MaxClause);
        for (var i = start; i < max; i++)
        {
            var c = text[i];
            if (c is '\n' or ';' or '\u201C') return i;
            if (c == '"' && i > start && char.IsWhiteSpace(text[i - 1])) return i;
            if (c is '.' or '!' or '?')
            {
                if (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]) || text[i + 1] is '"' or '\u201D')
                {
                    if (c == '.' && IsAbbreviationBefore(i)) continue;
                    return i;
                }
            }
        }
        return max;
    }

    private bool IsAbbreviationBefore(int dot)
    {
        var j = dot - 1;
        while (j >= 0 && char.IsLetter(text[j])) j--;
        var word = text.AsSpan(j + 1, dot - j - 1);
        if (word.Length == 1 && char.IsUpper(word[0])) return true; // initials, "U.S."
        foreach (var a in (ReadOnlySpan<string>)["Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Lt", "Sgt", "Sen", "Rep", "Gov", "Prof", "St", "Jr", "Sr", "Capt", "Maj", "Adm", "Cmdr", "Pres", "Amb", "Rev", "Hon", "No"])
            if (word.Equals(a, StringComparison.Ordinal)) return true;
        return false;
    }

    // ---- Reported speech ----

    private void FindReported()
    {
        for (var s = 0; s < ctx.SentenceCount; s++)
        {
            var span = ctx.SentenceSpan(s);
            Lexer.Lex(text, span.Start, span.End, lx);
            for (var v = 0; v < lx.Count; v++)
            {
                if (lx[v].Kind != LexKind.Word) continue;
                if (IsWord(v, "according") && IsWord(v + 1, "to"))
                {
                    if (!ctx.InQuote(lx[v].Start)) ReportedAccordingTo(v, span);
                    continue;
                }
                if (!IsCue(v) || IsWord(v, "quoted") || ctx.InQuote(lx[v].Start)) continue;
                var form = lx[v].Of(text).ToString();
                if (!SpeechWords.Forms.TryGetValue(form, out var lemma)) continue;
                if (char.IsUpper(form[0])) continue;
                // "quoted X as saying that ...": the attribution is the quoting construction's.
                var quotedAt = -1;
                if (v > 0 && IsWord(v - 1, "as"))
                {
                    for (var k = v - 2; k >= 0 && k >= v - 10 && quotedAt < 0; k--)
                        if (IsWord(k, "quoted")) quotedAt = k;
                    if (quotedAt < 0) continue;
                }
                if (IsWord(v - 1, "without")) continue; // "it goes without saying that"
                if (TrailingAttribution(v, span, form)) { v = lx.Count; continue; }
                var contentStart = -1;
                for (var k = v + 1; k < lx.Count && k <= v + 10; k++)
                {
                    if (lx[k].Kind == LexKind.Punct && text[lx[k].Start] != ',') break;
                    if (IsWord(k, "that")) { contentStart = k + 1; break; }
                }
                if (contentStart < 0 && lemma == "say" && !AfterQuote(v, span.Start))
                {
                    var c = SkipAdjuncts(v + 1);
                    if (c < lx.Count && StartsClause(c)) contentStart = c;
                }
                if (contentStart < 0 || contentStart >= lx.Count) continue;
                var from = lx[contentStart].Start;
                var to = TrimEnd(span.End);
                if (to <= from || CountWords(from, to) < 3) continue;
                var attribution = quotedAt >= 0 ? Quoted(quotedAt) : SpeakerFor(v);
                into.Add(new QuoteMention(TextSpan.FromBounds(from, to), QuoteKind.Reported)
                {
                    Speaker = attribution?.Speaker,
                    SpeakerName = attribution?.SpeakerName,
                    Cue = quotedAt >= 0 ? attribution?.Cue : form.ToLowerInvariant(),
                    Via = attribution?.Via,
                });
                v = lx.Count; // one reported clause per sentence: the first cue governs it
            }
        }
    }

    /// <summary>
    /// "The ferry will resume next week, the agency said." / "..., said the spokesman.": a short attribution closing
    /// the sentence reports the clause before its comma.
    /// </summary>
    private bool TrailingAttribution(int v, TextSpan sentence, string form)
    {
        var comma = -1;
        for (var k = v - 1; k >= 0 && k >= v - 7; k--)
        {
            if (lx[k].Kind != LexKind.Punct) continue;
            if (text[lx[k].Start] == ',') comma = k;
            break;
        }
        if (comma < 1 || form.EndsWith("ing", StringComparison.OrdinalIgnoreCase) || AfterQuote(v, sentence.Start)) return false;
        // Only a few words may follow the cue ("said on Tuesday", "said the spokesman, who declined to be named").
        var tail = 0;
        for (var k = v + 1; k < lx.Count && tail <= 16; k++)
        {
            if (IsWord(k, "that")) return false;
            if (lx[k].Kind == LexKind.Word) tail++;
        }
        var first = FirstWordIndex();
        if (first >= comma || CountWords(lx[first].Start, lx[comma].Start) < 3) return false;
        Attribution? attribution;
        if (comma == v - 1)
        {
            // "..., said the spokesman": only verbs of saying invert; "..., urged the victims to ..." is no attribution.
            if (!SpeechWords.Inverting.Contains(form.ToLowerInvariant())) return false;
            var (speaker, name, after) = SpeakerAfter(v + 1);
            if (speaker is null || tail > 16) return false;
            // The speaker must close the clause: "said the spokesman." or "said the spokesman, who ...", not "said the gang had fled".
            if (after < lx.Count && lx[after].Kind == LexKind.Word) return false;
            if (after - (v + 1) > 4 && name is null) return false;
            attribution = new Attribution(speaker, name, null, null);
        }
        else
        {
            if (tail > 6) return false;
            // ", where he said he found ..." is a relative clause with its own content, not a closing attribution.
            if (comma + 1 < v && lx[comma + 1].Kind == LexKind.Word && SpeechWords.Subordinators.Contains(lx[comma + 1].Of(text).ToString())) return false;
            var next = SkipAdjuncts(v + 1);
            if (next < lx.Count && lx[next].Kind == LexKind.Word && StartsClause(next)) return false;
            var subject = SubjectOf(v);
            if (subject.Speaker is null || subject.Speaker.Value.Start < lx[comma].End) return false;
            attribution = new Attribution(subject.Speaker, subject.Name, null, null);
        }
        var to = lx[comma].Start;
        while (to > lx[first].Start && char.IsWhiteSpace(text[to - 1])) to--;
        into.Add(new QuoteMention(TextSpan.FromBounds(lx[first].Start, to), QuoteKind.Reported)
        {
            Speaker = attribution.Speaker,
            SpeakerName = attribution.SpeakerName,
            Cue = form.ToLowerInvariant(),
        });
        return true;
    }

    /// <summary>"..., adding that" / "..., saying:": a participle shares the subject of its clause's main verb.</summary>
    private Attribution? ParticipleSpeaker(int v, string cue)
    {
        for (var k = v - 2; k >= 0; k--)
            if (IsCue(k) && !lx[k].Of(text).EndsWith("ing", StringComparison.OrdinalIgnoreCase))
            {
                var main = SpeakerFor(k);
                return main is null ? null : main with { Cue = cue };
            }
        var subject = ctx.SubjectBefore(lx[v].Start);
        if (subject is not null) return new Attribution(subject.Span, subject.Span, cue, null);
        var first = FirstWordIndex();
        if (first < v && lx[first].Kind == LexKind.Word && SpeechWords.Pronouns.Contains(lx[first].Of(text).ToString())
            && !IsWord(first, "who") && !IsWord(first, "it"))
            return new Attribution(lx[first].Span(), ResolvePronoun(lx[first].Of(text).ToString(), lx[first].Start), cue, null);
        return null;
    }

    private void ReportedAccordingTo(int v, TextSpan sentence)
    {
        var (speaker, name, after) = SpeakerAfter(v + 2);
        TextSpan content;
        if (FirstWordIndex() == v)
        {
            // "According to X, the plan ...": the content follows the comma after the source.
            var comma = -1;
            for (var k = Math.Max(after, v + 2); k < lx.Count; k++)
                if (IsPunct(k, ',')) { comma = k; break; }
            if (comma < 0 || comma + 1 >= lx.Count) return;
            var to = TrimEnd(sentence.End);
            if (to <= lx[comma + 1].Start) return;
            content = TextSpan.FromBounds(lx[comma + 1].Start, to);
        }
        else if (v > 0 && IsPunct(v - 1, ','))
        {
            var from = lx[FirstWordIndex()].Start;
            var to = lx[v - 1].Start;
            while (to > from && char.IsWhiteSpace(text[to - 1])) to--;
            if (to <= from) return;
            content = TextSpan.FromBounds(from, to);
        }
        else return;
        if (CountWords(content.Start, content.End) < 3) return;
        into.Add(new QuoteMention(content, QuoteKind.Reported) { Speaker = speaker, SpeakerName = name, Cue = "according to" });
    }

    private int FirstWordIndex()
    {
        for (var k = 0; k < lx.Count; k++)
            if (lx[k].Kind != LexKind.Punct) return k;
        return 0;
    }

    private int TrimEnd(int end)
    {
        while (end > 0 && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is '.' or '!' or '?' or ';' or ',')) end--;
        return end;
    }

    private bool StartsClause(int k)
    {
        if (lx[k].Kind != LexKind.Word) return false;
        var w = lx[k].Of(text).ToString();
        if (SpeechWords.Pronouns.Contains(w) && !w.Equals("who", StringComparison.OrdinalIgnoreCase)) return true;
        // "said this morning, ..." is a time, not the start of the reported clause.
        if (w is "this" or "last" or "next" && k + 1 < lx.Count && IsTimeNoun(lx[k + 1].Of(text))) return false;
        if (w is "there" or "the" or "a" or "an" or "this" or "these" or "his" or "her" or "their" or "its" or "our") return true;
        // "said Putin had ..." starts a clause; "said Rep. Inslee, ..." or "said Hong." names the speaker instead.
        var mention = ctx.MentionAt(lx[k].Start, 0);
        if (mention is null) return false;
        var next = IndexAfter(mention.Span.End);
        return next < lx.Count && lx[next].Kind == LexKind.Word;
    }

    /// <summary>Steps over up to two adjuncts after a cue: "in a statement", "on Tuesday", "earlier", "last week".</summary>
    private int SkipAdjuncts(int c)
    {
        for (var hop = 0; hop < 2 && c < lx.Count; hop++)
        {
            if ((IsWord(c, "in") || IsWord(c, "on") || IsWord(c, "at")) && IsDeterminer(c + 1) && c + 2 < lx.Count && lx[c + 2].Kind == LexKind.Word)
                c += 3;
            else if (IsWord(c, "on") && c + 1 < lx.Count && lx[c + 1].Kind == LexKind.Word && (IsWeekday(lx[c + 1].Of(text)) || IsTimeNoun(lx[c + 1].Of(text))))
                c += 2;
            else if ((IsWord(c, "this") || IsWord(c, "last") || IsWord(c, "next")) && c + 1 < lx.Count && IsTimeNoun(lx[c + 1].Of(text)))
                c += 2;
            else if (IsWord(c, "earlier") || IsWord(c, "later") || IsWord(c, "yesterday") || IsWord(c, "today") || IsWord(c, "recently")
                     || lx[c].Kind == LexKind.Word && IsWeekday(lx[c].Of(text)))
                c += 1;
            else break;
        }
        return c;
    }

    private static bool IsWeekday(ReadOnlySpan<char> w)
    {
        foreach (var d in (ReadOnlySpan<string>)["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
            if (w.Equals(d, StringComparison.Ordinal)) return true;
        return false;
    }

    private static bool IsTimeNoun(ReadOnlySpan<char> w)
    {
        foreach (var t in (ReadOnlySpan<string>)["morning", "afternoon", "evening", "night", "week", "weekend", "month", "year", "spring", "summer", "autumn", "fall", "winter", "time", "season", "quarter"])
            if (w.Equals(t, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>Whether a closing quotation mark precedes the cue in its sentence: then "said X" names the speaker of that quote.</summary>
    private bool AfterQuote(int v, int sentenceStart)
    {
        for (var i = lx[v].Start - 1; i >= sentenceStart && i >= lx[v].Start - 200; i--)
            if (text[i] is '\u201D' or '"') return true;
        return false;
    }

    // ---- Speakers ----

    private bool IsWord(int k, string word) => k >= 0 && k < lx.Count && lx[k].Kind == LexKind.Word && lx[k].Of(text).Equals(word, StringComparison.OrdinalIgnoreCase);

    private bool IsPunct(int k, char c) => k >= 0 && k < lx.Count && lx[k].Kind == LexKind.Punct && text[lx[k].Start] == c;

    /// <summary>Whether lexeme <paramref name="k"/> is a speech cue: a speech verb form, "according to" or "quoted".</summary>
    private bool IsCue(int k)
    {
        if (k < 0 || k >= lx.Count || lx[k].Kind != LexKind.Word) return false;
        if (IsWord(k, "according")) return IsWord(k + 1, "to");
        if (IsWord(k, "quoted")) return true;
        var s = lx[k].Of(text);
        if (!FormLookup.TryGetValue(s, out var lemma)) return false;
        // Forms that are also nouns ("state media", "reports of") need a verb's company.
        if (SpeechWords.NounLike.Contains(lemma))
        {
            if (IsWord(k + 1, "of") || IsWord(k + 1, "by") || IsWord(k + 1, "from") || IsWord(k + 1, "on")) return false;
            if (s.Equals(lemma, StringComparison.OrdinalIgnoreCase)
                && !(k > 0 && lx[k - 1].Kind == LexKind.Word && SpeechWords.BaseFormCompanions.Contains(lx[k - 1].Of(text).ToString())))
                return false;
        }
        // Nouns that share a form with a speech verb: "the report", "a claim", "his answer".
        if (k > 0 && lx[k - 1].Kind == LexKind.Word && SpeechWords.Determiners.Contains(lx[k - 1].Of(text).ToString())
            && !s.EndsWith("ed", StringComparison.OrdinalIgnoreCase) && !s.Equals("said", StringComparison.OrdinalIgnoreCase))
            return false;
        return true;
    }

    /// <summary>The speaker of cue <paramref name="v"/>: after it when inverted or "according to", else its subject.</summary>
    private Attribution? SpeakerFor(int v)
    {
        if (IsWord(v, "according"))
        {
            var (speaker, name, _) = SpeakerAfter(v + 2);
            return new Attribution(speaker, name, "according to", null);
        }
        if (IsWord(v, "quoted")) return Quoted(v);

        var cue = lx[v].Of(text).ToString().ToLowerInvariant();
        if (cue.EndsWith("ing", StringComparison.Ordinal) && v > 0 && IsPunct(v - 1, ',') && ParticipleSpeaker(v, cue) is { } shared)
            return shared;
        TextSpan? via = null;
        for (var k = v + 1; k < lx.Count; k++)
            if (IsWord(k, "according") && IsWord(k + 1, "to")) { via = SpeakerAfter(k + 2).Name ?? SpeakerAfter(k + 2).Speaker; break; }

        // Inverted: '..., said Hong.' / '..., said the minister.'
        var inverted = FirstWordIndex() == v || (v > 0 && lx[v - 1].Kind == LexKind.Punct && text[lx[v - 1].Start] is ',' && FirstWordIndex() >= v - 1);
        if (inverted)
        {
            var (speaker, name, _) = SpeakerAfter(v + 1);
            if (speaker is not null) return new Attribution(speaker, name, cue, via);
        }
        var subject = SubjectOf(v);
        return new Attribution(subject.Speaker, subject.Name, cue, via);
    }

    /// <summary>"X was quoted as saying by Y", "X was quoted by Y as saying", "Y quoted X as saying".</summary>
    private Attribution Quoted(int v)
    {
        var passive = v > 0 && lx[v - 1].Kind == LexKind.Word && lx[v - 1].Of(text).ToString().ToLowerInvariant() is "was" or "were" or "is" or "are" or "been" or "being";
        var asSaying = -1;
        for (var k = v + 1; k < lx.Count && k <= v + 12; k++)
            if (IsWord(k, "as") && (IsWord(k + 1, "saying") || IsWord(k + 1, "telling"))) { asSaying = k + 1; break; }
        if (passive)
        {
            var cueEnd = asSaying >= 0 && asSaying <= v + 2 ? asSaying : v;
            var cue = string.Join(' ', Enumerable.Range(v - 1, cueEnd - v + 2).Select(k => lx[k].Of(text).ToString())).ToLowerInvariant();
            TextSpan? via = null;
            for (var k = v + 1; k < lx.Count; k++)
                if (IsWord(k, "by")) { via = RelayAfter(k + 1); break; }
            var subject = SubjectOf(v - 1);
            return new Attribution(subject.Speaker, subject.Name, cue, via);
        }
        var relay = SubjectOf(v);
        var (speaker, name, _) = SpeakerAfter(v + 1);
        return new Attribution(speaker, name, "quoted as saying", relay.Name ?? relay.Speaker);
    }

    /// <summary>The speaker written after lexeme <paramref name="k"/>: a name (maybe behind a title), a pronoun or a role phrase.</summary>
    private (TextSpan? Speaker, TextSpan? Name, int After) SpeakerAfter(int k)
    {
        if (k >= lx.Count) return (null, null, k);
        var start = lx[k].Start;
        // The name, possibly behind a title ("said Defence Minister Andrei Belousov"): no punctuation between.
        var mention = ctx.MentionAt(start, 60);
        if (mention is not null && mention.Type != EntityType.MISC && !HasPunct(start, mention.Span.Start))
            return (mention.Span, mention.Span, IndexAfter(mention.Span.End));
        if (lx[k].Kind != LexKind.Word) return (null, null, k);
        var w = lx[k].Of(text).ToString();
        if (SpeechWords.Pronouns.Contains(w) && !w.Equals("who", StringComparison.OrdinalIgnoreCase))
            return (lx[k].Span(), ResolvePronoun(w, start), k + 1);
        // A role phrase: "the minister", "a spokesman for the ministry".
        var end = k;
        while (end < lx.Count && end < k + 8 && lx[end].Kind == LexKind.Word) end++;
        if (end == k) return (null, null, k);
        var phrase = TextSpan.FromBounds(lx[k].Start, lx[end - 1].End);
        var inner = ctx.MentionsIn(phrase.Start, phrase.End).FirstOrDefault(m => m.Type is EntityType.PER or EntityType.ORG);
        if (inner is not null) return (phrase, inner.Span, end);
        var head = RoleHead(k, end);
        return (phrase, head is null ? null : ResolveRole(head, start), end);
    }

    /// <summary>
    /// The outlet named after "by": the first name that is not a place (agencies are often names the recogniser cannot
    /// type), else the words as written up to "as"; never a role phrase's antecedent, which would be a person.
    /// </summary>
    private TextSpan? RelayAfter(int k)
    {
        if (k >= lx.Count) return null;
        var start = lx[k].Start;
        foreach (var m in ctx.MentionsIn(start, Math.Min(text.Length, start + 60)))
        {
            if (HasPunct(start, m.Span.Start)) break;
            if (m.Type != EntityType.LOC) return m.Span;
        }
        var end = k;
        while (end < lx.Count && end < k + 6 && lx[end].Kind == LexKind.Word && !IsWord(end, "as") && !IsWord(end, "that")) end++;
        return end > k ? TextSpan.FromBounds(start, lx[end - 1].End) : null;
    }

    private int IndexAfter(int pos)
    {
        for (var k = 0; k < lx.Count; k++)
            if (lx[k].Start >= pos) return k;
        return lx.Count;
    }

    private bool HasPunct(int from, int to)
    {
        for (var i = from; i < to; i++)
            if (text[i] is ',' or '.' or ';' or ':' or '(' or ')' or '\u201C' or '\u201D' or '"') return true;
        return false;
    }

    /// <summary>The last noun of a role phrase, before any "of"/"for"/"at" complement.</summary>
    private string? RoleHead(int from, int to)
    {
        string? head = null;
        for (var k = from; k < to; k++)
        {
            var w = lx[k].Of(text).ToString();
            if (w is "for" or "of" or "at" or "from" or "in" or "with" or "on") break;
            if (SpeechWords.Determiners.Contains(w)) continue;
            head = w;
        }
        return head;
    }

    private TextSpan? ResolvePronoun(string pronoun, int pos)
    {
        var lower = pronoun.ToLowerInvariant();
        return lower switch
        {
            "he" or "she" => ctx.Resolve(pos, person: true, organisation: false, roleHead: null, sex: NameGenders.OfPronoun(lower)),
            "i" => ctx.Resolve(pos, person: true, organisation: false, roleHead: null),
            "it" => ctx.Resolve(pos, person: false, organisation: true, roleHead: null),
            _ => ctx.Resolve(pos, person: true, organisation: true, roleHead: null),
        };
    }

    /// <summary>
    /// The named antecedent of a role phrase: a person titled or described by the head ("the minister"), else, for a
    /// role word or an organisation word, the subject of a recent sentence. Any other head ("reports", "his widow") names
    /// no one written before it, so it stays unresolved rather than going to the last subject.
    /// </summary>
    private TextSpan? ResolveRole(string head, int pos)
    {
        var organisation = SpeechWords.OrganisationHeads.Contains(head);
        var role = organisation || isRole(head) || isRole(Lemmas.Singular(head.ToLowerInvariant()));
        return ctx.Resolve(pos, person: !organisation, organisation: organisation, roleHead: head, titleOnly: !role);
    }

    /// <summary>The subject of the verb at lexeme <paramref name="v"/> within the current clause lexemes.</summary>
    private (TextSpan? Speaker, TextSpan? Name) SubjectOf(int v)
    {
        if (v <= 0) return (null, null);
        var pos = lx[v].Start;
        var clauseStart = lx[0].Start;
        EntityMention? appositive = null;
        var mentionList = ctx.MentionsIn(clauseStart, pos).ToList();
        for (var i = mentionList.Count - 1; i >= 0; i--)
        {
            var m = mentionList[i];
            if (ctx.InQuote(m.Span.Start) || m.Type == EntityType.MISC) continue;
            var link = Link(m.Span.End, pos);
            if (link == LinkKind.Direct) return (m.Span, m.Span);
            if (link == LinkKind.Appositive && appositive is null && m.Type is EntityType.PER or EntityType.ORG) appositive = m;
        }
        if (appositive is not null) return (appositive.Span, appositive.Span);

        // A pronoun or role phrase right before the verb, over auxiliaries and adverbs.
        var k = v - 1;
        while (k >= 0 && lx[k].Kind == LexKind.Word && SpeechWords.Linkers.Contains(lx[k].Of(text).ToString())) k--;
        // "The police source, who asked not to be named, said": step back over the aside to its head.
        if (k >= 0 && IsPunct(k, ','))
        {
            var open = k - 1;
            while (open >= 0 && open > k - 20 && !(lx[open].Kind == LexKind.Punct && text[lx[open].Start] is ',' or '.' or ';' or ':' or '"' or '\u201C' or '\u201D')) open--;
            if (open >= 1 && IsPunct(open, ',') && open < k - 1) k = open - 1;
        }
        if (k >= 0 && lx[k].Kind == LexKind.Word)
        {
            var w = lx[k].Of(text).ToString();
            if (SpeechWords.Pronouns.Contains(w))
            {
                if (w.Equals("who", StringComparison.OrdinalIgnoreCase))
                {
                    var before = mentionList.LastOrDefault(m => m.Span.End <= lx[k].Start && !ctx.InQuote(m.Span.Start));
                    if (before is not null && !HasWordBetween(before.Span.End, lx[k].Start)) return (before.Span, before.Span);
                    return (null, null);
                }
                return (lx[k].Span(), ResolvePronoun(w, lx[k].Start));
            }
            var start = k;
            while (start > 0 && k - start < 5)
            {
                var prev = start - 1;
                if (lx[prev].Kind != LexKind.Word) break;
                if (IsDeterminer(prev)) { start = prev; break; }
                if (FigureWords.Stop.Contains(lx[prev].Of(text).ToString())) break;
                start = prev;
            }
            if (IsDeterminer(start) || start == FirstWordIndex() || char.IsUpper(lx[k].Of(text)[0]) || Figures.Lemmas.LooksPlural(w.ToLowerInvariant()))
            {
                var phrase = TextSpan.FromBounds(lx[start].Start, lx[k].End);
                var inner = ctx.MentionsIn(phrase.Start, phrase.End).FirstOrDefault(m => m.Type is EntityType.PER or EntityType.ORG);
                if (inner is not null) return (phrase, inner.Span);
                return (phrase, IsDeterminer(start) ? ResolveRole(w, phrase.Start) : null);
            }
        }

        // Last resort: the first person or organisation named early in the clause.
        foreach (var m in mentionList)
        {
            if (ctx.InQuote(m.Span.Start) || m.Type is not (EntityType.PER or EntityType.ORG)) continue;
            if (CountWordsUpTo(clauseStart, m.Span.Start, 12) < 12) return (m.Span, m.Span);
            break;
        }
        return (null, null);
    }

    private bool IsDeterminer(int k) => k >= 0 && k < lx.Count && lx[k].Kind == LexKind.Word && SpeechWords.Determiners.Contains(lx[k].Of(text).ToString());

    private bool HasWordBetween(int from, int to)
    {
        for (var i = from; i < to; i++)
            if (char.IsLetter(text[i])) return true;
        return false;
    }

    private int CountWordsUpTo(int from, int to, int cap)
    {
        var count = 0;
        var inWord = false;
        for (var i = from; i < to && count < cap; i++)
        {
            var w = char.IsLetterOrDigit(text[i]);
            if (w && !inWord) count++;
            inWord = w;
        }
        return count;
    }

    private enum LinkKind { None, Direct, Appositive }

    /// <summary>How a name ending at <paramref name="from"/> reaches a verb at <paramref name="to"/>.</summary>
    private LinkKind Link(int from, int to)
    {
        var between = text.AsSpan(from, to - from).Trim();
        if (between.IsEmpty) return LinkKind.Direct;
        if (between[0] == ',' && between[^1] == ',' && between.Length > 2)
        {
            var inner = between[1..^1].Trim();
            if (inner.IndexOfAny('.', ';', '"') < 0 && inner.IndexOfAny('\u201C', '\u201D') < 0) return LinkKind.Appositive;
            return LinkKind.None;
        }
        foreach (var part in between.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (!SpeechWords.Linkers.Contains(part)) return LinkKind.None;
        return LinkKind.Direct;
    }

    private Attribution? SubjectOfSentence(int pos)
    {
        var subject = ctx.SubjectBefore(pos);
        if (subject is not null) return new Attribution(subject.Span, subject.Span, null, null);
        var s = ctx.SentenceOf(pos);
        if (s < 0) return null;
        var span = ctx.SentenceSpan(s);
        Lexer.Lex(text, span.Start, Math.Min(pos, span.End), lx);
        var k = FirstWordIndex();
        if (k < lx.Count && lx[k].Kind == LexKind.Word && SpeechWords.Pronouns.Contains(lx[k].Of(text).ToString()))
        {
            var w = lx[k].Of(text).ToString();
            return new Attribution(lx[k].Span(), ResolvePronoun(w, lx[k].Start), null, null);
        }
        return null;
    }
}
