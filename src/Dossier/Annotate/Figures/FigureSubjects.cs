using System.Collections.Frozen;
using Dossier.Model;

namespace Dossier.Annotate.Figures;

/// <summary>
/// Finds who or what a figure's clause is about: the subject of the verb that governs the figure. "North Korea has sent
/// approximately 12,000 troops" gives "North Korea"; "12,000 troops were deployed by Russia" gives "Russia". An entity
/// next to the verb is preferred; else the noun or pronoun just before the verb group.
/// </summary>
internal static class FigureSubjects
{
    /// <summary>Words between a subject and its verb: auxiliaries, negation, and the adverbs news writes there.</summary>
    private static readonly FrozenSet<string> VerbGroup = new[]
    {
        "has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would", "shall", "should", "can", "could",
        "may", "might", "must", "do", "does", "did", "not", "also", "already", "now", "still", "just", "then", "reportedly",
        "allegedly", "recently", "previously", "so", "far", "to", "plans", "planned", "wants", "wanted", "expects",
        "expected", "hopes", "agreed", "agrees", "intends", "aims",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that cannot be a subject: they start a clause, name no one, or belong to the verb's object.</summary>
    private static readonly FrozenSet<string> NotSubjects = new[]
    {
        "which", "that", "who", "whom", "whose", "what", "there", "here", "and", "or", "but", "than", "as", "if", "when",
        "while", "because", "the", "a", "an", "this", "these", "those", "of", "in", "on", "at", "for", "from", "with",
        "by", "into", "about", "after", "before", "during", "over", "under", "between", "it's",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sets <see cref="FigureMention.SubjectSpan"/> on every figure whose subject is found.</summary>
    public static void Attach(string text, IReadOnlyList<Token> tokens, IReadOnlyList<EntityMention> entities, List<FigureMention> figures)
    {
        if (tokens.Count == 0) return;
        for (var f = 0; f < figures.Count; f++)
        {
            var figure = figures[f];
            if (figure.VerbSpan is not { } verb || figure.Verb is null || FigureWords.ReportingVerbs.Contains(figure.Verb)) continue;
            var subject = verb.End <= figure.Span.Start
                ? Before(text, tokens, entities, TokenAt(tokens, verb.Start))
                : Agent(text, tokens, entities, TokenAt(tokens, verb.Start));
            if (subject is not null) figures[f] = figure with { SubjectSpan = subject };
        }
    }

    /// <summary>The subject left of the verb group that ends just before token <paramref name="verb"/>.</summary>
    private static TextSpan? Before(string text, IReadOnlyList<Token> tokens, IReadOnlyList<EntityMention> entities, int verb)
    {
        if (verb <= 0) return null;
        var p = verb - 1;
        for (var hops = 0; p >= 0 && hops < 4 && IsVerbGroupWord(text, tokens, p); hops++) p--;
        if (p < 0) return null;
        var last = tokens[p];
        // A possessive ending ("Russia's army") or a closing name: the entity that ends here.
        if (EntityEndingAt(entities, last.Start + last.Length) is { } entity) return entity.Span;
        var word = text.AsSpan(last.Start, last.Length);
        if (!IsWordLike(word) || NotSubjects.Contains(word.ToString())) return null;
        // A gap of punctuation or a line break between subject and verb means the clause was cut.
        if (HasBreak(text, last.Start + last.Length, tokens[p + 1].Start)) return null;
        return new TextSpan(last.Start, last.Length);
    }

    /// <summary>The agent of a passive verb written after the figure: "were deployed by Russia".</summary>
    private static TextSpan? Agent(string text, IReadOnlyList<Token> tokens, IReadOnlyList<EntityMention> entities, int verb)
    {
        var by = verb + 1;
        if (by + 1 >= tokens.Count || !text.AsSpan(tokens[by].Start, tokens[by].Length).Equals("by", StringComparison.OrdinalIgnoreCase)) return null;
        var next = tokens[by + 1];
        foreach (var e in entities)
            if (e.Span.Start == next.Start) return e.Span;
        return null;
    }

    private static EntityMention? EntityEndingAt(IReadOnlyList<EntityMention> entities, int end)
    {
        foreach (var e in entities)
            if (e.Span.End == end || e.Span.End + 2 == end) return e;
        return null;
    }

    private static bool IsVerbGroupWord(string text, IReadOnlyList<Token> tokens, int p)
    {
        var w = text.AsSpan(tokens[p].Start, tokens[p].Length);
        if (VerbGroup.Contains(w.ToString())) return true;
        // An adverb in "-ly" ("reportedly"), not a noun after a determiner ("the family", "the supply").
        return w.Length > 4 && w.EndsWith("ly", StringComparison.Ordinal) && char.IsLower(w[0])
               && !(p > 0 && Determiners.Contains(text.Substring(tokens[p - 1].Start, tokens[p - 1].Length)));
    }

    private static readonly FrozenSet<string> Determiners = new[]
    {
        "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static bool IsWordLike(ReadOnlySpan<char> w)
    {
        foreach (var c in w)
            if (!char.IsLetter(c) && c is not '-' and not '\'' and not '.') return false;
        return w.Length > 0;
    }

    private static bool HasBreak(string text, int from, int to)
    {
        for (var i = from; i < to && i < text.Length; i++)
            if (!char.IsWhiteSpace(text[i]) || text[i] == '\n') return true;
        return false;
    }

    private static int TokenAt(IReadOnlyList<Token> tokens, int position)
    {
        int lo = 0, hi = tokens.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (tokens[mid].Start + tokens[mid].Length <= position) lo = mid + 1;
            else if (tokens[mid].Start > position) hi = mid - 1;
            else return mid;
        }
        return Math.Min(lo, tokens.Count - 1);
    }
}
