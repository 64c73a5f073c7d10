using Dossier.Model;

namespace Dossier.Annotate.Quotes;

/// <summary>Who said it: the speaker as written, the name it stands for, the cue and the relaying outlet.</summary>
internal sealed record Attribution(TextSpan? Speaker, TextSpan? SpeakerName, string? Cue, TextSpan? Via);

/// <summary>
/// The article seen by the quote rules: sentences, paragraphs, name mentions and the quoted stretches,
/// with the speaker-finding and antecedent rules that work over them.
/// </summary>
internal sealed class QuoteContext
{
    private readonly string text;
    private readonly TextSpan[] sentences;
    private readonly int[] breaks;
    private readonly EntityMention[] mentions;
    private readonly int[] mentionStarts;
    private readonly (int Start, int End)[] quoted;
    private readonly int[] subjectPer;
    private readonly int[] subjectAny;

    public QuoteContext(string text, IReadOnlyList<Sentence> sentenceList, IReadOnlyList<EntityMention> entities, List<QuotePiece> pieces)
    {
        this.text = text;
        var breakList = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            breakList.Add(i);
            while (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1])) i++;
        }
        breaks = [.. breakList];
        // Spans are clamped to the text, so a bad upstream span cannot push a rule out of range.
        sentences = sentenceList.Count > 0
            ? sentenceList.Select(s => TextSpan.FromBounds(Math.Clamp(s.Span.Start, 0, text.Length), Math.Clamp(s.Span.End, 0, text.Length)))
                .Where(s => s.Length > 0).OrderBy(s => s.Start).ToArray()
            : ParagraphSpans(text);
        mentions = entities.Where(e => e.Span.Start >= 0 && e.Span.End <= text.Length).OrderBy(e => e.Span.Start).ThenBy(e => e.Span.Length).ToArray();
        mentionStarts = mentions.Select(m => m.Span.Start).ToArray();
        quoted = pieces.Select(p => (p.ContentStart, p.ContentEnd)).ToArray();
        subjectPer = new int[sentences.Length];
        subjectAny = new int[sentences.Length];
        ComputeSubjects();
    }

    public string Text => text;

    public int SentenceCount => sentences.Length;

    public TextSpan SentenceSpan(int s) => sentences[s];

    private static TextSpan[] ParagraphSpans(string text)
    {
        var list = new List<TextSpan>();
        var ps = 0;
        while (ps <= text.Length)
        {
            var pe = text.IndexOf('\n', ps);
            if (pe < 0) pe = text.Length;
            if (pe > ps) list.Add(TextSpan.FromBounds(ps, pe));
            ps = pe + 1;
        }
        return [.. list];
    }

    /// <summary>The index of the sentence holding <paramref name="pos"/>, or of the last sentence before it.</summary>
    public int SentenceOf(int pos)
    {
        int lo = 0, hi = sentences.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sentences[mid].Start <= pos) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }

    public int ParagraphOf(int pos)
    {
        int lo = 0, hi = breaks.Length - 1, count = 0;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (breaks[mid] < pos) { count = mid + 1; lo = mid + 1; }
            else hi = mid - 1;
        }
        return count;
    }

    public int ParagraphStart(int pos)
    {
        var p = ParagraphOf(pos);
        if (p == 0) return 0;
        var b = breaks[p - 1];
        while (b < text.Length && char.IsWhiteSpace(text[b])) b++;
        return b;
    }

    public bool InQuote(int pos)
    {
        int lo = 0, hi = quoted.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (quoted[mid].End <= pos) lo = mid + 1;
            else if (quoted[mid].Start > pos) hi = mid - 1;
            else return true;
        }
        return false;
    }

    /// <summary>Mentions starting in [from, to), in text order.</summary>
    public IEnumerable<EntityMention> MentionsIn(int from, int to)
    {
        var i = LowerBound(from);
        for (; i < mentions.Length && mentions[i].Span.Start < to; i++)
            if (mentions[i].Span.End <= to) yield return mentions[i];
    }

    /// <summary>The mention starting exactly at or just after <paramref name="pos"/> (within a few title words).</summary>
    public EntityMention? MentionAt(int pos, int maxSkip)
    {
        var i = LowerBound(pos);
        return i < mentions.Length && mentions[i].Span.Start - pos <= maxSkip ? mentions[i] : null;
    }

    private int LowerBound(int pos)
    {
        int lo = 0, hi = mentionStarts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (mentionStarts[mid] < pos) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static bool IsSpeakerType(EntityType t) => t is EntityType.PER or EntityType.ORG;

    /// <summary>
    /// Each sentence's subject, Centering-style: the first person (and the first person or organisation) named
    /// outside quotation marks, after a fronted adverbial ("During his visit, Belousov ...") when there is one.
    /// </summary>
    private void ComputeSubjects()
    {
        var openers = SpeechWords.FrontedOpeners.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var s = 0; s < sentences.Length; s++)
        {
            subjectPer[s] = -1;
            subjectAny[s] = -1;
            var span = sentences[s];
            var from = span.Start;
            var limit = Math.Min(Math.Min(span.End, span.Start + 200), text.Length);
            var w = span.Start;
            while (w < limit && !char.IsLetter(text[w])) w++;
            var we = w;
            while (we < limit && char.IsLetter(text[we])) we++;
            if (we > w && openers.Contains(text.AsSpan(w, we - w)))
            {
                var comma = text.IndexOf(',', we, limit - we);
                if (comma > 0) from = comma + 1;
            }
            for (var pass = 0; pass < 2 && (subjectPer[s] < 0 || subjectAny[s] < 0); pass++)
            {
                var i = LowerBound(pass == 0 ? from : span.Start);
                for (; i < mentions.Length && mentions[i].Span.Start < span.End; i++)
                {
                    if (InQuote(mentions[i].Span.Start)) continue;
                    if (subjectPer[s] < 0 && mentions[i].Type == EntityType.PER) subjectPer[s] = i;
                    if (subjectAny[s] < 0 && IsSpeakerType(mentions[i].Type)) subjectAny[s] = i;
                    if (subjectPer[s] >= 0 && subjectAny[s] >= 0) break;
                }
            }
        }
    }

    /// <summary>The name a pronoun or role phrase at <paramref name="pos"/> stands for, or null.</summary>
    public TextSpan? Resolve(int pos, bool person, bool organisation, string? roleHead, bool titleOnly = false, Sex sex = Sex.Unknown)
    {
        // "she" is not the last man named: a person whose given name or title tells the other sex is passed over.
        bool Agrees(EntityMention m) => sex == Sex.Unknown || m.Type != EntityType.PER || NameGenders.Default.Agrees(sex, m.Span.SliceOf(text).ToString(),
            m.Title is { } t && t.Start >= 0 && t.End <= text.Length ? t.SliceOf(text).ToString() : null);
        var sentence = SentenceOf(pos);
        if (sentence < 0) return null;
        var paragraph = ParagraphOf(pos);

        // A role phrase names its antecedent by title: "the minister" → the last mention titled "... Minister".
        if (roleHead is not null)
        {
            for (var i = LowerBound(pos) - 1; i >= 0 && ParagraphOf(mentions[i].Span.Start) >= paragraph - 3; i--)
            {
                var m = mentions[i];
                if (m.Title is { } title && title.Start >= 0 && title.Length >= 0 && title.End <= text.Length
                    && title.SliceOf(text).Contains(roleHead, StringComparison.OrdinalIgnoreCase))
                    return m.Span;
                if (m.Type == EntityType.PER && m.Span.End < pos && HasWord(Appositive(m.Span.End), roleHead)) return m.Span;
            }
        }
        if (titleOnly) return null;

        for (var s = sentence; s >= 0 && sentence - s < 12; s--)
        {
            if (ParagraphOf(sentences[s].Start) < paragraph - 1) break;
            var candidate = person && !organisation ? subjectPer[s] : subjectAny[s];
            if (candidate < 0 && person && organisation) candidate = subjectPer[s];
            if (candidate < 0) continue;
            var m = mentions[candidate];
            if (m.Span.Start >= pos) continue;
            if (!Fits(m.Type, person, organisation) || !Agrees(m)) continue;
            return m.Span;
        }
        // No subject fits: the nearest fitting mention before it in this or the previous paragraph.
        for (var i = LowerBound(pos) - 1; i >= 0; i--)
        {
            var m = mentions[i];
            if (ParagraphOf(m.Span.Start) < paragraph - 1) break;
            if (InQuote(m.Span.Start) || !Fits(m.Type, person, organisation) || !Agrees(m)) continue;
            return m.Span;
        }
        return null;
    }

    /// <summary>The description set off by commas right after a name ("Tomasz Wrona, the finance minister, said"), or empty.</summary>
    private ReadOnlySpan<char> Appositive(int end)
    {
        var i = end;
        while (i < text.Length && text[i] == ' ') i++;
        if (i >= text.Length || text[i] != ',') return [];
        var from = i + 1;
        var limit = Math.Min(text.Length, from + 80);
        for (var j = from; j < limit; j++)
        {
            // A verb-less stretch up to the next comma or stop: a clause with its own quote or sentence end is no apposition.
            if (text[j] is ',' or ';' or ')' or '\u2014') return text.AsSpan(from, j - from);
            if (text[j] is '.' or '\n' or '"' or '\u201C' or '\u201D' or ':' or '(') return [];
        }
        return [];
    }

    private static bool HasWord(ReadOnlySpan<char> phrase, string word)
    {
        for (var at = phrase.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0;)
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetter(phrase[at - 1])) && (end == phrase.Length || !char.IsLetter(phrase[end]))) return true;
            var next = phrase[end..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            at = next < 0 ? -1 : end + next;
        }
        return false;
    }

    /// <summary>The subject mention of the sentence holding <paramref name="pos"/>, if it comes before it.</summary>
    public EntityMention? SubjectBefore(int pos)
    {
        var s = SentenceOf(pos);
        if (s < 0 || subjectAny[s] < 0) return null;
        var m = mentions[subjectAny[s]];
        return m.Span.Start < pos ? m : null;
    }

    private static bool Fits(EntityType t, bool person, bool organisation)
        => (person && t == EntityType.PER) || (organisation && t == EntityType.ORG);
}
