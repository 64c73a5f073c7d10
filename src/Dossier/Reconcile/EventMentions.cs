using System.Collections.Frozen;
using Dossier.Annotate.Figures;
using Dossier.Language;
using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>One word of an article that names a happening, with the context <see cref="EventPairModel"/> reads.</summary>
internal sealed record EventWord(AnnotatedArticle Article, int Token, EventContext Context);

/// <summary>
/// Finds the event mentions of a story's articles the way ECB+ annotates them (verbs and event nouns, one word each) and
/// builds their contexts from Dossier's own annotation: the sentence's resolved entities as participants and places, its
/// dated time expressions, its stemmed content words, its position, and whether the word is said as not happening.
/// These are what <see cref="EventPairModel"/> was trained on; <see cref="ClaimAligner"/> uses its events to align
/// claims told with different verbs or objects.
/// </summary>
internal sealed class EventMentions(ClaimWords words)
{
    /// <summary>
    /// Words among the three before a mention that make it not, or not yet, happen: negation, a modal, an infinitive's
    /// "to". The training contexts (`eval/run events`) mark their mentions with the same words.
    /// </summary>
    internal static readonly FrozenSet<string> UnrealMarkers = new[] { "not", "n't", "never", "no", "will", "would", "could", "should", "may", "might", "can", "cannot", "to", "'ll", "wo" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// What a span of an article says around its event words: its entities (resolved in the story, else their lower-cased
    /// surface) as participants, or as places when they are places, and the values of its dated time expressions. The
    /// training contexts are built by the same method.
    /// </summary>
    internal static (HashSet<string> Participants, HashSet<string> Places, HashSet<string> Times) Arguments(
        AnnotatedArticle article, TextSpan span, ResolvedEntities entities)
    {
        var participants = new HashSet<string>(StringComparer.Ordinal);
        var places = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in article.Entities)
        {
            if (!span.Contains(e.Span)) continue;
            var id = entities.At(article, e.Span)?.Id ?? article.Of(e.Span).ToLowerInvariant();
            (e.Type == EntityType.LOC ? places : participants).Add(id);
        }
        var times = new HashSet<string>(StringComparer.Ordinal);
        foreach (var time in article.Times)
            if (span.Contains(time.Span) && time.Type is TimexType.DATE or TimexType.TIME && time.Value is { } v) times.Add(v);
        return (participants, places, times);
    }

    /// <summary>
    /// The event words of the article's sentences, or, when <paramref name="only"/> is given, of the words starting at
    /// those offsets (the other event words of their sentences still count towards <see cref="EventContext.Crowd"/>).
    /// </summary>
    public List<EventWord> Find(AnnotatedArticle article, ResolvedEntities entities, IReadOnlySet<int>? only = null)
    {
        var result = new List<EventWord>();
        var text = article.Text;
        var tokens = article.Tokens;
        var inEntity = new bool[tokens.Count];
        var t = 0;
        foreach (var e in article.Entities)
        {
            while (t < tokens.Count && tokens[t].End <= e.Span.Start) t++;
            for (var k = t; k < tokens.Count && tokens[k].Start < e.Span.End; k++) inEntity[k] = true;
        }
        for (var s = 0; s < article.Sentences.Count; s++)
        {
            var sentence = article.Sentences[s];
            var end = sentence.FirstToken + sentence.TokenCount;
            if (only is not null && !only.Any(sentence.Span.Contains)) continue;
            var found = new List<int>();
            for (var k = sentence.FirstToken; k < end; k++)
            {
                var token = tokens[k];
                if (inEntity[k] || token.Length < 3 || !char.IsLower(text[token.Start])) continue;
                var lower = text.Substring(token.Start, token.Length);
                if (!lower.All(char.IsLetter)) continue;
                if (IsEventWord(lower)) found.Add(k);
            }
            if (found.Count == 0) continue;
            var (participants, places, times) = Arguments(article, sentence.Span, entities);
            var stems = new List<(int Token, string Stem)>();
            var buffer = new char[64];
            for (var k = sentence.FirstToken; k < end; k++)
            {
                var lower = text.Substring(tokens[k].Start, tokens[k].Length).ToLowerInvariant();
                if (!ContentWords.IsContent(lower) || !lower.Any(char.IsLetterOrDigit)) continue;
                if (lower.Length > buffer.Length) buffer = new char[lower.Length];
                stems.Add((k, new string(buffer, 0, ContentWords.StemInto(lower, buffer))));
            }
            foreach (var k in found)
            {
                if (only is not null && !only.Contains(tokens[k].Start)) continue;
                var lower = text.Substring(tokens[k].Start, tokens[k].Length);
                var context = new EventContext(article.Id, EventHeads.Normalise(lower), participants, places, times,
                    stems.Where(x => x.Token != k).Select(x => x.Stem).ToHashSet(StringComparer.Ordinal))
                {
                    Sentence = s,
                    Light = !ContentWords.IsContent(lower),
                    Unreal = Unreal(article, sentence, k),
                    Crowd = found.Count,
                };
                result.Add(new EventWord(article, k, context));
            }
        }
        return result;
    }

    /// <summary>A verb form the verb lexicon knows, or a noun the event-noun list names.</summary>
    private bool IsEventWord(string lower)
    {
        if (words.Lemma(lower, baseForm: true, presentForm: true) is not null) return true;
        if (lower.Length > 5 && lower.EndsWith("ing", StringComparison.Ordinal) && words.IsVerbLemma(Lemmas.Verb(lower))) return true;
        return words.IsEventNoun(Lemmas.Singular(lower));
    }

    private static bool Unreal(AnnotatedArticle article, Sentence sentence, int k)
    {
        for (var p = k - 1; p >= Math.Max(sentence.FirstToken, k - 3); p--)
            if (UnrealMarkers.Contains(article.Text.Substring(article.Tokens[p].Start, article.Tokens[p].Length).ToLowerInvariant())) return true;
        return false;
    }
}
