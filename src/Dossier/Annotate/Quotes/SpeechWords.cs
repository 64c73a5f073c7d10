using System.Collections.Frozen;

namespace Dossier.Annotate.Quotes;

/// <summary>Fact tables for attribution: speech verbs with their inflections, pronouns, roles and auxiliaries.</summary>
internal static class SpeechWords
{
    private static readonly string[] SpeechLemmas =
    [
        "say", "tell", "add", "state", "remark", "note", "warn", "declare", "insist", "argue", "explain", "write",
        "ask", "reply", "respond", "answer", "claim", "assert", "announce", "comment", "confirm", "deny", "admit",
        "acknowledge", "stress", "emphasise", "emphasize", "suggest", "observe", "report", "recall", "tweet",
        "conclude", "urge", "vow", "pledge", "promise", "predict", "allege", "reiterate", "repeat", "whisper",
        "shout", "exclaim", "joke", "quip", "concede", "complain", "counter", "retort", "contend", "maintain",
        "testify", "mention", "caution", "lament", "boast", "agree", "disagree", "proclaim", "affirm", "indicate",
        "underline", "underscore", "clarify", "elaborate", "specify", "acknowledge", "recount", "disclose", "reveal",
        "inform", "assure", "reassure", "threaten", "demand", "propose", "opine", "posit", "speculate", "estimate",
    ];

    private static readonly FrozenSet<string> Doubling = new[] { "admit", "quip", "commit", "regret", "omit", "submit" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every inflected form of a speech verb, mapped to its lemma ("remarked" → "remark").</summary>
    public static readonly FrozenDictionary<string, string> Forms = BuildForms();

    private static FrozenDictionary<string, string> BuildForms()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var lemma in SpeechLemmas)
        {
            map.TryAdd(lemma, lemma);
            var last = lemma[^1];
            var beforeLast = lemma.Length > 1 ? lemma[^2] : ' ';
            var consonantY = last == 'y' && beforeLast is not ('a' or 'e' or 'i' or 'o' or 'u');
            var third = consonantY ? lemma[..^1] + "ies"
                : lemma.EndsWith("s", StringComparison.Ordinal) || lemma.EndsWith("sh", StringComparison.Ordinal) || lemma.EndsWith("ch", StringComparison.Ordinal) || last is 'x' or 'z' ? lemma + "es"
                : lemma + "s";
            var doubled = Doubling.Contains(lemma) ? lemma + last : lemma;
            var past = consonantY ? lemma[..^1] + "ied" : last == 'e' ? lemma + "d" : doubled + "ed";
            var ing = last == 'e' && beforeLast != 'e' ? lemma[..^1] + "ing" : doubled + "ing";
            map.TryAdd(third, lemma);
            map.TryAdd(past, lemma);
            map.TryAdd(ing, lemma);
        }
        foreach (var (form, lemma) in new[]
        {
            ("said", "say"), ("says", "say"), ("saying", "say"), ("told", "tell"), ("wrote", "write"), ("written", "write"),
            ("writing", "write"), ("spoke", "speak"), ("speaking", "speak"), ("tweeted", "tweet"),
        })
            map[form] = lemma;
        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Speech verbs whose forms are also common nouns ("state", "report", "claims").</summary>
    public static readonly FrozenSet<string> NounLike = new[]
    {
        "state", "note", "report", "claim", "answer", "counter", "comment", "promise", "pledge", "vow", "estimate",
        "demand", "tweet", "caution", "repeat", "reply", "stress", "joke", "quip", "boast", "lament", "mention",
        "recall", "underline", "whisper", "shout", "complain", "indicate", "reveal", "threaten", "propose",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words before a bare verb form that show it is a verb ("they say", "would add", "to explain").</summary>
    public static readonly FrozenSet<string> BaseFormCompanions = new[]
    {
        "they", "we", "i", "you", "to", "will", "would", "can", "could", "may", "might", "must", "should", "shall",
        "did", "do", "does", "not", "also", "often", "sources", "officials", "experts", "analysts", "critics",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenSet<string> Pronouns = new[] { "he", "she", "they", "it", "we", "i", "who" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words between a subject and its verb that do not break the link ("Kim was", "he further").</summary>
    public static readonly FrozenSet<string> Linkers = new[]
    {
        "has", "have", "had", "was", "were", "is", "are", "be", "been", "will", "would", "could", "should", "may",
        "might", "must", "can", "did", "does", "do", "also", "further", "later", "then", "again", "previously",
        "earlier", "reportedly", "once", "already", "repeatedly", "recently", "publicly", "privately", "separately",
        "still", "just", "often", "always", "never", "not", "quickly", "firmly", "openly", "bluntly", "flatly",
        "explicitly", "clearly", "himself", "herself", "themselves", "itself", "too", "similarly", "likewise",
        "subsequently", "finally", "first", "had", "however",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Speech verbs that do not put their speaker after them: after these, the words that follow are an object or a
    /// clause ("..., urged the victims to regroup", "..., told the court"), never the speaker.
    /// </summary>
    private static readonly FrozenSet<string> NonInverting = new[]
    {
        "tell", "inform", "assure", "reassure", "urge", "demand", "threaten", "propose", "promise", "pledge", "vow",
        "reveal", "disclose", "indicate", "mention", "repeat", "reiterate", "estimate", "underline", "underscore",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Forms that may put their speaker after them ("..., said the spokesman", "..., admitted Smith"): finite forms of the other speech verbs.</summary>
    public static readonly FrozenSet<string> Inverting = Forms
        .Where(f => !NonInverting.Contains(f.Value) && !f.Key.EndsWith("ing", StringComparison.Ordinal))
        .Select(f => f.Key.ToLowerInvariant())
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words opening a relative or subordinate clause after a comma (", where he said he found ...").</summary>
    public static readonly FrozenSet<string> Subordinators = new[]
    {
        "where", "which", "who", "whom", "whose", "when", "while", "whereas", "because", "although", "though", "after",
        "before", "since", "until", "if", "unless", "and", "but",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Heads of role phrases that stand for an organisation rather than a person.</summary>
    public static readonly FrozenSet<string> OrganisationHeads = new[]
    {
        "agency", "ministry", "company", "government", "department", "office", "group", "organization",
        "organisation", "firm", "bank", "committee", "council", "army", "military", "police", "party", "union",
        "institute", "court", "embassy", "network", "newspaper", "outlet", "paper", "administration", "kremlin",
        "cabinet", "commission", "board", "authority", "authorities", "regime", "parliament", "assembly",
        "service", "force", "forces", "command", "media", "broadcaster", "channel", "team", "club", "campaign",
        "coalition", "alliance", "federation", "association", "foundation", "center", "centre", "secretariat",
        "presidency", "bureau", "directorate", "corporation", "university", "school", "hospital", "state",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenSet<string> Determiners = new[]
    {
        "the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those", "one", "another",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that open a fronted adverbial, so the sentence's subject comes after the first comma.</summary>
    public static readonly FrozenSet<string> FrontedOpeners = new[]
    {
        "during", "after", "before", "when", "while", "as", "following", "despite", "in", "at", "on", "since",
        "although", "though", "if", "because", "amid", "with", "without", "under", "speaking", "asked", "earlier",
        "later", "meanwhile", "however", "for", "from", "by", "upon", "once", "unlike", "like", "besides",
        "writing", "addressing", "last", "over", "throughout", "ahead", "until",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
