using System.Collections.Frozen;
using Dossier.Annotate;
using Dossier.Annotate.Figures;

namespace Dossier.Reconcile;

/// <summary>The word classes the claim reader needs: verb lemmas (WordNet), and the closed classes around a predicate.</summary>
internal sealed class ClaimWords
{
    private static readonly Lazy<ClaimWords> Shared = new(() => new ClaimWords(
        EmbeddedTable.Rows(typeof(ClaimWords).Assembly, "verbs.tsv").Select(r => r[0]).ToFrozenSet(StringComparer.Ordinal),
        EmbeddedTable.Rows(typeof(ClaimWords).Assembly, "event-nouns.tsv").Select(r => r[0]).ToFrozenSet(StringComparer.Ordinal)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static ClaimWords Default => Shared.Value;

    private readonly FrozenSet<string> _verbs;
    private readonly FrozenSet<string> _eventNouns;

    private ClaimWords(FrozenSet<string> verbs, FrozenSet<string> eventNouns) => (_verbs, _eventNouns) = (verbs, eventNouns);

    public bool IsVerbLemma(string lemma) => _verbs.Contains(lemma);

    /// <summary>A noun that can name a happening ("visit", "talk", "incursion"), in the singular.</summary>
    public bool IsEventNoun(string singular) => _eventNouns.Contains(singular);

    /// <summary>Auxiliaries, negation and the adverbs news puts between a subject and its verb.</summary>
    public static readonly FrozenSet<string> VerbGroup = new[]
    {
        "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would", "shall", "should", "can",
        "could", "may", "might", "must", "do", "does", "did", "not", "never", "also", "already", "now", "still", "just",
        "then", "reportedly", "allegedly", "recently", "previously", "later", "earlier", "first", "again", "further",
        "n't", "has not", "cannot",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> Negations = new[] { "not", "never", "n't", "cannot", "no" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>After these a bare verb is in its base form ("will meet", "did not specify").</summary>
    public static readonly FrozenSet<string> BaseFormMarkers = new[]
    {
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "do", "does", "did", "not", "never", "cannot",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Modals that hedge: what "could" or "might" happen is not stated as fact.</summary>
    public static readonly FrozenSet<string> Hedges = new[] { "could", "would", "may", "might", "should" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words before a subject that make its clause a question or a condition, not a statement ("whom X would meet", "if X wins").</summary>
    public static readonly FrozenSet<string> NotAsserted = new[]
    {
        "whom", "what", "whether", "if", "unless", "should", "why", "how", "once",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> Passive = new[] { "is", "are", "was", "were", "be", "been", "being" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Predicates that state no happening of their own: being, having, seeming, and the verbs of saying that quotes own.</summary>
    public static readonly FrozenSet<string> Empty = new[]
    {
        "be", "have", "do", "get", "seem", "appear", "become", "remain", "include", "mean", "make", "take", "come", "go",
        "say", "tell", "add", "note", "state", "quote", "comment", "describe", "call", "think", "believe", "know",
        "see", "want", "need", "try", "let", "continue", "begin", "start", "use", "like", "feel", "find", "show", "give",
        "suggest", "indicate", "highlight", "emphasize", "emphasise", "stress", "underscore", "point", "echo", "reflect",
        "remark", "reiterate", "argue", "insist", "warn", "assert", "acknowledge", "explain", "write", "ask", "reply",
        "respond", "claim", "contend", "maintain", "recall", "observe", "deny", "admit", "concede", "tout", "label",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Predicates whose two parties play the same role: "A met B" states what "B met A" does.</summary>
    public static readonly FrozenSet<string> Reciprocal = new[]
    {
        "meet", "talk", "negotiate", "confer", "clash", "fight", "marry", "ally", "cooperate", "partner", "trade", "compete",
        "merge", "wed", "divorce", "collide", "spar", "debate", "discuss", "agree", "sign",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that end an argument span: a new clause starts after them.</summary>
    public static readonly FrozenSet<string> ClauseOpeners = new[]
    {
        "which", "who", "whom", "whose", "while", "but", "although", "though", "whereas", "because", "since", "when",
        "where", "after", "before", "as", "if", "unless", "until", "amid", "despite", "that", "during", "following",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Prepositions: an entity right after one is not the subject of the verb that follows it.</summary>
    public static readonly FrozenSet<string> Prepositions = new[]
    {
        "of", "in", "to", "with", "for", "from", "by", "at", "on", "into", "about", "against", "between", "among",
        "during", "over", "under", "across", "through", "toward", "towards", "near", "within", "without",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Prepositions that set an event noun in a clause ("for talks with", "during the meeting with").</summary>
    public static readonly FrozenSet<string> EventSettings = new[]
    {
        "for", "during", "after", "before", "at", "following", "ahead", "amid", "since", "upon", "on",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Prepositions before a place that say where something happened rather than to whom.</summary>
    public static readonly FrozenSet<string> Settings = new[]
    {
        "in", "at", "near", "outside", "inside", "across", "throughout", "around", "within",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> PersonPronouns = new[] { "he", "she" }.ToFrozenSet(StringComparer.Ordinal);
    public static readonly FrozenSet<string> PersonPossessives = new[] { "his", "her" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The verb a lower-case word is a form of, or null; <paramref name="baseForm"/> says the context allows a bare
    /// form ("will meet") and <paramref name="presentForm"/> a third-person "-s" form right after a subject.
    /// </summary>
    public string? Lemma(string lower, bool baseForm, bool presentForm)
    {
        if (lower.Length < 2) return null;
        if (Lemmas.IrregularVerb(lower) is { } irregular) return irregular;
        if (lower.Length > 4 && lower.EndsWith("ed", StringComparison.Ordinal))
        {
            var lemma = Lemmas.Verb(lower);
            return IsVerbLemma(lemma) ? lemma : null;
        }
        if (baseForm && IsVerbLemma(lower)) return lower;
        if (presentForm && lower.Length > 3 && lower.EndsWith('s') && !lower.EndsWith("ss", StringComparison.Ordinal))
        {
            var lemma = Lemmas.Verb(lower);
            return IsVerbLemma(lemma) ? lemma : null;
        }
        return null;
    }
}
