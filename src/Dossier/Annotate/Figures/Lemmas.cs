using System.Collections.Frozen;

namespace Dossier.Annotate.Figures;

/// <summary>English noun singulars and verb lemmas from irregular tables plus suffix rules.</summary>
internal static class Lemmas
{
    private static readonly FrozenDictionary<string, string> IrregularPlurals = new Dictionary<string, string>
    {
        ["people"] = "person", ["men"] = "man", ["women"] = "woman", ["children"] = "child", ["feet"] = "foot",
        ["teeth"] = "tooth", ["mice"] = "mouse", ["geese"] = "goose", ["lives"] = "life", ["wives"] = "wife",
        ["knives"] = "knife", ["halves"] = "half", ["thieves"] = "thief", ["wolves"] = "wolf", ["leaves"] = "leaf",
        ["shelves"] = "shelf", ["selves"] = "self", ["loaves"] = "loaf", ["calves"] = "calf", ["series"] = "series",
        ["species"] = "species", ["data"] = "data", ["media"] = "media", ["criteria"] = "criterion",
        ["phenomena"] = "phenomenon", ["personnel"] = "personnel", ["police"] = "police", ["staff"] = "staff",
        ["cattle"] = "cattle", ["sheep"] = "sheep", ["fish"] = "fish", ["deer"] = "deer", ["aircraft"] = "aircraft",
        ["crises"] = "crisis", ["analyses"] = "analysis", ["theses"] = "thesis", ["bases"] = "base",
        ["troops"] = "troop", ["news"] = "news", ["headquarters"] = "headquarters", ["means"] = "means",
        ["dice"] = "die", ["oxen"] = "ox", ["indices"] = "index", ["matrices"] = "matrix", ["vertices"] = "vertex",
        ["buses"] = "bus", ["gases"] = "gas", ["lenses"] = "lens", ["biases"] = "bias", ["aliases"] = "alias",
        ["statuses"] = "status", ["viruses"] = "virus", ["campuses"] = "campus", ["bonuses"] = "bonus",
        ["census"] = "census", ["physics"] = "physics", ["economics"] = "economics", ["politics"] = "politics",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The singular lower-case form of a noun ("soldiers" → "soldier", "casualties" → "casualty").</summary>
    public static string Singular(string word)
    {
        var w = word.ToLowerInvariant();
        if (IrregularPlurals.TryGetValue(w, out var irregular)) return irregular;
        if (w.Length <= 3) return w;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4) return w[..^3] + "y";
        if (w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal)
            || w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal)
            || w.EndsWith("zzes", StringComparison.Ordinal) || w.EndsWith("oes", StringComparison.Ordinal))
            return w[..^2];
        if (w.EndsWith("ss", StringComparison.Ordinal) || w.EndsWith("us", StringComparison.Ordinal)
            || w.EndsWith("is", StringComparison.Ordinal) || w.EndsWith("'s", StringComparison.Ordinal))
            return w;
        if (w.EndsWith('s')) return w[..^1];
        return w;
    }

    /// <summary>Whether a lower-case noun looks plural.</summary>
    public static bool LooksPlural(string lower)
    {
        if (IrregularPlurals.ContainsKey(lower)) return true; // "people", and invariant plurals such as "aircraft"
        if (lower.Length <= 3) return false;
        return lower.EndsWith('s') && !lower.EndsWith("ss", StringComparison.Ordinal)
            && !lower.EndsWith("us", StringComparison.Ordinal) && !lower.EndsWith("is", StringComparison.Ordinal)
            && !lower.EndsWith("'s", StringComparison.Ordinal) && !lower.EndsWith("\u2019s", StringComparison.Ordinal);
    }

    private static readonly FrozenDictionary<string, string> IrregularVerbs = BuildIrregularVerbs();

    private static FrozenDictionary<string, string> BuildIrregularVerbs()
    {
        // lemma: past, participle (a dash when the same as the past).
        string[] rows =
        [
            "send sent -", "give gave given", "take took taken", "make made -", "get got gotten", "go went gone",
            "come came come", "see saw seen", "say said -", "tell told -", "think thought -", "bring brought -",
            "buy bought -", "fight fought -", "seek sought -", "teach taught -", "catch caught -", "find found -",
            "hold held -", "keep kept -", "leave left -", "lose lost -", "pay paid -", "lay laid -", "lead led -",
            "feel felt -", "meet met -", "sell sold -", "spend spent -", "build built -", "lend lent -",
            "win won -", "hit hit -", "cut cut -", "put put -", "set set -", "let let -", "cost cost -",
            "shut shut -", "spread spread -", "quit quit -", "bet bet -", "hurt hurt -", "read read -",
            "run ran run", "begin began begun", "rise rose risen", "fall fell fallen", "grow grew grown",
            "throw threw thrown", "know knew known", "draw drew drawn", "fly flew flown", "show showed shown",
            "write wrote written", "drive drove driven", "ride rode ridden", "speak spoke spoken",
            "break broke broken", "choose chose chosen", "freeze froze frozen", "steal stole stolen",
            "wake woke woken", "bear bore borne", "wear wore worn", "swear swore sworn", "tear tore torn",
            "forget forgot forgotten", "eat ate eaten", "beat beat beaten", "shoot shot -", "stand stood -",
            "understand understood -", "withdraw withdrew withdrawn", "undertake undertook undertaken",
            "overtake overtook overtaken", "forbid forbade forbidden", "strike struck -", "stick stuck -",
            "hang hung -", "dig dug -", "flee fled -", "feed fed -", "bleed bled -", "breed bred -",
            "shake shook shaken", "sink sank sunk", "drink drank drunk", "sing sang sung", "swim swam swum",
            "ring rang rung", "hide hid hidden", "bite bit bitten", "slide slid -", "light lit -",
            "mean meant -", "deal dealt -", "sleep slept -", "sweep swept -", "weep wept -", "bend bent -",
            "hear heard -", "sit sat -", "spin spun -", "split split -", "burst burst -", "forecast forecast -",
            "broadcast broadcast -", "upset upset -", "bind bound -", "wind wound -", "grind ground -",
            "have had -", "do did done", "be was been", "be were -", "oversee oversaw overseen",
            "mislead misled -", "rebuild rebuilt -", "resell resold -", "foresee foresaw foreseen",
            "die died -", "lie lied -", "tie tied -",
        ];
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var parts = row.Split(' ');
            map.TryAdd(parts[1], parts[0]);
            if (parts[2] != "-") map.TryAdd(parts[2], parts[0]);
        }
        map["has"] = "have"; map["is"] = "be"; map["are"] = "be"; map["am"] = "be"; map["being"] = "be";
        map["does"] = "do"; map["goes"] = "go"; map["says"] = "say";
        map["dying"] = "die"; map["lying"] = "lie"; map["tying"] = "tie";
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>An irregular past or participle's lemma ("sent" → "send"), or null.</summary>
    public static string? IrregularVerb(string lower) => IrregularVerbs.GetValueOrDefault(lower);

    public static bool IsIrregularVerbForm(string lower) => IrregularVerbs.ContainsKey(lower);

    /// <summary>The lemma of a verb form ("sending" → "send", "deployed" → "deploy", "carried" → "carry").</summary>
    public static string Verb(string word)
    {
        var w = word.ToLowerInvariant();
        if (IrregularVerbs.TryGetValue(w, out var lemma)) return lemma;
        if (w.EndsWith("ied", StringComparison.Ordinal) && w.Length > 4) return w[..^3] + "y";
        if (w.EndsWith("eed", StringComparison.Ordinal)) return EedBases.Contains(w) ? w : w[..^1]; // freed, agreed
        if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 4) return RestoreStem(w[..^2]);
        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5) return RestoreStem(w[..^3]);
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4) return w[..^3] + "y";
        if ((w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("ches", StringComparison.Ordinal)
            || w.EndsWith("shes", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal)) && w.Length > 4)
            return w[..^2];
        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && w.Length > 3) return w[..^1];
        return w;
    }

    private static readonly FrozenSet<string> EedBases = new[]
    {
        "need", "speed", "proceed", "exceed", "succeed", "feed", "bleed", "breed", "seed", "heed", "weed", "deed",
        "greed", "steed", "creed", "reed", "indeed", "embed",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>Undoes consonant doubling and restores a dropped final "e" after removing -ed or -ing.</summary>
    private static string RestoreStem(string stem)
    {
        var n = stem.Length;
        if (n < 2) return stem;
        var last = stem[n - 1];
        var prev = stem[n - 2];
        if (last == prev && last is 'b' or 'd' or 'g' or 'm' or 'n' or 'p' or 'r' or 't' && n >= 4) return stem[..^1];
        if (last == prev) return stem;
        if (last is 'v' or 'z' || stem.EndsWith("iz", StringComparison.Ordinal)) return stem + "e";
        if (last == 'u' || (last == 'i' && n <= 3)) return stem + "e";
        if (last == 'c' && IsVowel(prev)) return stem + "e"; // produce, place
        if ((last == 'c' && prev is 'n' or 'r') || (last == 'g' && prev is 'r' or 'd')) return stem + "e"; // announce, force, charge, judge
        if (last == 'l' && prev is 'b' or 'p' or 't' or 'd' or 'g' or 'k' or 'f' or 'z') return stem + "e"; // enable, settle
        if (stem.EndsWith("aus", StringComparison.Ordinal) || stem.EndsWith("ais", StringComparison.Ordinal)
            || stem.EndsWith("ois", StringComparison.Ordinal) || stem.EndsWith("uot", StringComparison.Ordinal))
            return stem + "e"; // cause, raise, poise, quote
        if (last == 'e') return stem;
        if (n >= 5 && stem.EndsWith("at", StringComparison.Ordinal) && !stem.EndsWith("eat", StringComparison.Ordinal)
            && !stem.EndsWith("oat", StringComparison.Ordinal) && !stem.EndsWith("aat", StringComparison.Ordinal))
            return stem + "e"; // evaluate, estimate
        // consonant-vowel-consonant at the end of a one-syllable stem: "nam" → "name", "vot" → "vote".
        if (!IsVowel(last) && last is not ('w' or 'x' or 'y') && IsVowel(prev) && (n < 3 || !IsVowel(stem[n - 3])))
        {
            var syllables = 0;
            for (var k = 0; k < n; k++)
                if (IsVowel(stem[k]) && (k == 0 || !IsVowel(stem[k - 1]))) syllables++;
            if (syllables == 1) return stem + "e";
            // Latinate endings that keep their "e": estimate, provide, include, declare, require, combine.
            if (stem.EndsWith("at", StringComparison.Ordinal) && !stem.EndsWith("eat", StringComparison.Ordinal)) return stem + "e";
            if (stem.EndsWith("id", StringComparison.Ordinal) || stem.EndsWith("ud", StringComparison.Ordinal)
                || stem.EndsWith("ir", StringComparison.Ordinal) || stem.EndsWith("ar", StringComparison.Ordinal)
                || stem.EndsWith("in", StringComparison.Ordinal) || stem.EndsWith("ur", StringComparison.Ordinal)
                || stem.EndsWith("ot", StringComparison.Ordinal) || stem.EndsWith("ut", StringComparison.Ordinal)
                || stem.EndsWith("ov", StringComparison.Ordinal) || stem.EndsWith("ym", StringComparison.Ordinal)
                || stem.EndsWith("am", StringComparison.Ordinal) || stem.EndsWith("ib", StringComparison.Ordinal)
                || stem.EndsWith("od", StringComparison.Ordinal) || stem.EndsWith("ok", StringComparison.Ordinal))
                return stem + "e";
        }
        if (n >= 5 && (stem.EndsWith("ang", StringComparison.Ordinal) || stem.EndsWith("eng", StringComparison.Ordinal)))
            return stem + "e"; // change, challenge
        return stem;
    }
}
