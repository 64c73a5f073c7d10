using System.Collections.Frozen;
using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Something that names entities in an article's sentences and tokens: the rules below or a trained model.</summary>
public interface IEntityModel
{
    IReadOnlyList<EntityMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens);

    /// <summary>The same, checking <paramref name="budget"/> as it goes where a model's work grows with the text.</summary>
    IReadOnlyList<EntityMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens, DocumentBudget budget)
        => Recognize(text, sentences, tokens);
}

/// <summary>Finds person, organisation, place and other names.</summary>
/// <remarks>
/// Rules over gazetteers, in three steps: candidates are maximal runs of capitalised tokens (with connectors such as
/// "of" and "for" inside); each run loses its sentence-initial common word and its leading title ("Russian Defence
/// Minister"), and is typed by gazetteers, keywords and context cues; finally, weakly typed names take the type of
/// the same name, or of a person's name part, seen with stronger evidence elsewhere in the article.
/// A trained model plugs in through <see cref="IEntityModel"/>: given one, <see cref="Recognize"/> uses it (adding the rules' titles) and the
/// rules stay available as <see cref="RecognizeByRules"/> (for comparison, or as features and fallback).
/// </remarks>
public sealed class EntityRecognizer : IEntityModel
{
    private readonly Gazetteer _gazetteer;
    private readonly IEntityModel? _model;

    public EntityRecognizer() : this(Gazetteer.Default) { }

    public EntityRecognizer(Gazetteer gazetteer) => _gazetteer = gazetteer;

    /// <summary>Names entities with <paramref name="model"/>; the rules use <paramref name="gazetteer"/> or the default tables.</summary>
    public EntityRecognizer(IEntityModel model, Gazetteer? gazetteer = null)
    {
        _model = model;
        _gazetteer = gazetteer ?? Gazetteer.Default;
    }

    /// <summary>The fact tables the rules use, for a model that wants them as features.</summary>
    public Gazetteer Gazetteer => _gazetteer;

    /// <summary>The trained tagger for names and types, with the rules' title detection: what the pipeline runs.</summary>
    public static EntityRecognizer Trained() => new(PerceptronEntityModel.Default, Gazetteer.Default);

    public IReadOnlyList<EntityMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens)
        => Recognize(text, sentences, tokens, DocumentBudget.Unlimited);

    /// <summary>The same, checking <paramref name="budget"/> while the trained tagger runs.</summary>
    public IReadOnlyList<EntityMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens, DocumentBudget budget)
    {
        if (_model is null) return RecognizeByRules(text, sentences, tokens);
        var found = _model.Recognize(text, sentences, tokens, budget);
        // The model names spans; a title written before a name ("North Korean Defense Minister No Kwang Chol") comes from
        // the rules, and marks where the name starts, so the rules' span wins when it holds the model's. A capitalised
        // title says the name is a person's, so the rules' type wins too ("Minister No Kwang-chol" is no MISC); a lower-case
        // one may be an adjective ("a major Hong Kong-listed company") and leaves the model's type.
        var titled = RecognizeByRules(text, sentences, tokens).Where(m => m.Title is not null).ToList();
        if (titled.Count == 0) return found;
        var result = new List<EntityMention>(found.Count);
        var taken = new HashSet<EntityMention>();
        foreach (var mention in found)
        {
            var rule = titled.FirstOrDefault(r => r.Span.Contains(mention.Span));
            if (rule is null) result.Add(mention);
            else if (taken.Add(rule)) result.Add(rule.Span != mention.Span || CapitalisedEnd(text, rule.Title) ? rule : mention with { Title = rule.Title });
        }
        return [.. result.OrderBy(m => m.Span.Start)];
    }

    /// <summary>Whether the title's last word is capitalised ("Defense Minister", not "a major").</summary>
    private static bool CapitalisedEnd(string text, TextSpan? title)
    {
        if (title is not { } span || span.Start < 0 || span.End > text.Length) return false;
        var words = text.AsSpan(span.Start, span.Length).TrimEnd();
        return words.Length > 0 && char.IsUpper(words[words.LastIndexOf(' ') + 1]);
    }

    /// <summary>The rule-and-gazetteer recogniser, whatever model is plugged in.</summary>
    public IReadOnlyList<EntityMention> RecognizeByRules(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens)
    {
        var document = new DocumentPass(_gazetteer, text, tokens);
        foreach (var sentence in sentences)
        {
            var first = Math.Clamp(sentence.FirstToken, 0, tokens.Count);
            var end = Math.Clamp(sentence.EndToken, first, tokens.Count);
            if (end > first) document.Sentence(first, end);
        }
        return document.Finish();
    }

    /// <summary>How sure the typing of a mention is; weak ones may be retyped by the rest of the article.</summary>
    private enum Evidence : byte { Weak, Medium, Strong }

    private sealed record Candidate(int FirstToken, int EndToken, EntityType Type, Evidence Evidence, TextSpan? Title);

    /// <summary>Longest capitalised run considered as one name; longer runs (tables, shouting) are cut, keeping work linear.</summary>
    private const int MaxRunTokens = 16;

    private static readonly FrozenSet<string> Connectors = FrozenSet.Create(StringComparer.Ordinal,
        "of", "for", "and", "the", "&", "de", "du", "da", "das", "dos", "del", "della", "di", "van", "von", "der", "den",
        "la", "le", "bin", "ibn", "al", "y", "on", "in");

    /// <summary>Connectors that join two names rather than sit inside one ("Russia and China").</summary>
    private static readonly FrozenSet<string> Splitters = FrozenSet.Create(StringComparer.Ordinal, "of", "for", "and", "the", "&", "on", "in");

    private static readonly FrozenSet<string> NeverNames = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "I", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon.", "Tue.", "Wed.", "Thu.",
        "Fri.", "Sat.", "Jan", "Feb", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "OK", "AM", "PM", "A.M.", "P.M.", "TV");

    private static readonly FrozenSet<string> SpeechVerbs = FrozenSet.Create(StringComparer.Ordinal,
        "said", "says", "told", "added", "noted", "stressed", "warned", "wrote", "stated", "explained", "argued", "insisted",
        "remarked", "claimed", "replied", "declared", "recalled", "admitted", "acknowledged", "tweeted", "testified", "urged",
        "asked", "agreed", "denied", "suggested", "believes", "thinks", "commented", "emphasised", "emphasized");

    private static readonly FrozenSet<string> Compass = FrozenSet.Create(StringComparer.Ordinal,
        "North", "South", "East", "West", "Northeast", "Northwest", "Southeast", "Southwest", "Northern", "Southern",
        "Eastern", "Western", "Central", "Upper", "Lower", "Greater", "Inner", "Outer", "Northeastern", "Northwestern",
        "Southeastern", "Southwestern");

    private static readonly string[] PlaceEndings = ["stan", "ia", "shire", "grad", "burg", "polis", "abad", "land"];

    private static readonly string[] SurnameEndings = ["ov", "ova", "ev", "eva", "sky", "ski", "ska", "skiy", "enko", "vich", "ovic",
        "evic", "escu", "opoulos", "idis", "akis", "shvili", "dze", "yan", "oglu", "sson", "sen", "ez"];

    private static readonly FrozenSet<string> HeadlineLower = FrozenSet.Create(StringComparer.Ordinal,
        "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as", "vs",
        "vs.", "via", "up", "off", "out", "into", "over", "is", "are", "be");

    private static readonly FrozenSet<string> Articles = FrozenSet.Create(StringComparer.Ordinal, "a", "an", "the", "who", "whose");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ConnectorLookup = Connectors.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SplitterLookup = Splitters.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NeverLookup = NeverNames.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SpeechLookup = SpeechVerbs.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CompassLookup = Compass.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> HeadlineLowerLookup = HeadlineLower.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ArticleLookup = Articles.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The state of one article's recognition: candidates found so far and the tables to type them.</summary>
    private sealed class DocumentPass(Gazetteer gazetteer, string text, IReadOnlyList<Token> tokens)
    {
        private readonly List<Candidate> _found = [];
        private readonly List<int> _unsure = []; // single capitalised common words kept out unless the article names them elsewhere
        private int _first;
        private int _end;

        private ReadOnlySpan<char> Tok(int i) => text.AsSpan(tokens[i].Start, tokens[i].Length);

        private bool Is(int i, string word) => i >= _first && i < _end && Tok(i).SequenceEqual(word);

        private bool IsNameToken(int i)
        {
            var t = Tok(i);
            if (t.Length == 0) return false;
            if (char.IsUpper(t[0]))
            {
                if (NeverLookup.Contains(t) || t.IndexOfAnyInRange('0', '9') >= 0) return false; // "M2", "C-4", "F-16": codes, not names
                // "US-led", "Russia-North", "Western-supplied": a known place or people joined to another word.
                var hyphen = t.IndexOf('-');
                return hyphen <= 0 || gazetteer.PhraseOf(t[..hyphen]) == PhraseKind.None;
            }
            // "al-Assad", "el-Sisi", "bin-Salman"
            var dash = t.IndexOf('-');
            return dash is > 0 and <= 3 && dash + 1 < t.Length && char.IsUpper(t[dash + 1]) && char.IsLower(t[0]);
        }

        private bool IsConnector(int i) => ConnectorLookup.Contains(Tok(i));

        private bool IsCommon(int i) => gazetteer.IsCommonWord(Tok(i));

        private bool IsInitial(int i)
        {
            var t = Tok(i);
            return t.Length == 2 && char.IsUpper(t[0]) && t[1] == '.';
        }

        private bool IsAcronym(int i)
        {
            var t = Tok(i);
            if (t.Length < 2 || t.Length > 8) return false;
            var letters = 0;
            foreach (var c in t)
            {
                if (char.IsUpper(c)) letters++;
                else if (c != '.' && c != '&' && !char.IsDigit(c)) return false;
            }
            return letters is >= 2 and <= 6 && !gazetteer.IsCommonWord(t); // "SOCCER", "NICE" in a shouted headline are words
        }

        private static bool IsOpeningPunctuation(ReadOnlySpan<char> t)
            => t.Length == 1 && t[0] is '“' or '‘' or '"' or '\'' or '«' or '(' or '[' or '—' or '–' or '-' or '•' or '*';

        /// <summary>First word of the sentence or of a quotation: capitals there say nothing.</summary>
        private bool IsClauseStart(int i)
        {
            if (i == _first) return true;
            var prev = Tok(i - 1);
            if (prev.Length == 1 && prev[0] is '“' or '‘' or '«') return true;
            if (prev.Length == 1 && prev[0] == '"' && SentenceSplitter.IsOpeningQuote(text, tokens[i - 1].Start)) return true;
            for (var k = _first; k < i; k++)
                if (!IsOpeningPunctuation(Tok(k))) return false;
            return true;
        }

        /// <summary>Length in tokens of the longest known phrase starting at <paramref name="i"/> and ending by <paramref name="end"/>.</summary>
        private int PhraseAt(int i, int end, out PhraseKind kind)
        {
            var max = Math.Min(gazetteer.MaxPhraseTokens, end - i);
            for (var n = max; n >= 1; n--)
            {
                kind = PhraseOf(i, i + n);
                if (kind != PhraseKind.None) return n;
            }
            kind = PhraseKind.None;
            return 0;
        }

        /// <summary>Length of the longest known phrase ending just before <paramref name="end"/>.</summary>
        private int PhraseEndingAt(int end, int start, out PhraseKind kind)
        {
            var max = Math.Min(gazetteer.MaxPhraseTokens, end - start);
            for (var n = max; n >= 1; n--)
            {
                kind = PhraseOf(end - n, end);
                if (kind != PhraseKind.None) return n;
            }
            kind = PhraseKind.None;
            return 0;
        }

        private PhraseKind PhraseOf(int from, int to)
        {
            if (to - from == 1 && gazetteer.PhraseOf(Tok(from)) is var single and not PhraseKind.None) return single;
            var length = to - from - 1;
            for (var k = from; k < to; k++) length += tokens[k].Length;
            if (length > 120) return PhraseKind.None;
            Span<char> key = stackalloc char[length];
            var at = 0;
            for (var k = from; k < to; k++)
            {
                if (k > from) key[at++] = ' ';
                Tok(k).CopyTo(key[at..]);
                at += tokens[k].Length;
            }
            var kind = gazetteer.PhraseOf(key);
            return kind != PhraseKind.None ? kind : ShoutedPhraseOf(key);
        }

        /// <summary>"NORTH KOREA" in a shouted headline or dateline is looked up as "North Korea".</summary>
        private PhraseKind ShoutedPhraseOf(Span<char> key)
        {
            if (key.Length < 3 || key.ContainsAnyInRange('a', 'z')) return PhraseKind.None;
            var startOfWord = true;
            var letters = 0;
            for (var k = 0; k < key.Length; k++)
            {
                var c = key[k];
                if (char.IsLetter(c))
                {
                    letters++;
                    if (!startOfWord) key[k] = char.ToLowerInvariant(c);
                    startOfWord = false;
                }
                else startOfWord = c is ' ' or '-';
            }
            return letters >= 3 ? gazetteer.PhraseOf(key) : PhraseKind.None;
        }

        /// <summary>A sentence set in title case (a headline): its capitals mark no names by themselves.</summary>
        private bool IsHeadline(int first, int end)
        {
            int words = 0, capitalised = 0;
            for (var i = first; i < end; i++)
            {
                var t = Tok(i);
                if (t.Length == 0 || !char.IsLetter(t[0])) continue;
                words++;
                if (char.IsUpper(t[0])) capitalised++;
                else if (HeadlineLowerLookup.Contains(t)) capitalised++; // "of", "to", "and" stay lower in headlines
            }
            return words >= 4 && capitalised == words;
        }

        public void Sentence(int first, int end)
        {
            _first = first;
            _end = end;
            var headline = IsHeadline(first, end);
            var i = first;
            while (i < end)
            {
                if (!IsNameToken(i)) { i++; continue; }
                var j = i + 1;
                while (j < end && j - i < MaxRunTokens)
                {
                    if (IsNameToken(j)) { j++; continue; }
                    if (j + 1 < end && IsConnector(j) && IsNameToken(j + 1)) { j += 2; continue; }
                    break;
                }
                if (headline) HeadlineRun(i, j);
                else Run(i, j);
                i = j;
            }
        }

        /// <summary>In a headline only known phrases and words that are not common English count as names.</summary>
        private void HeadlineRun(int a, int b)
        {
            var start = -1;
            var k = a;
            while (k < b)
            {
                var n = PhraseAt(k, b, out _);
                if (n == 0 && k + 1 < b && CompassLookup.Contains(Tok(k)) && PhraseAt(k + 1, b, out _) is var rest and > 0) n = rest + 1;
                if (n > 0 || !IsCommon(k) || IsAcronym(k))
                {
                    if (start < 0) start = k;
                    k += Math.Max(1, n);
                    continue;
                }
                if (start >= 0) Run(start, k);
                start = -1;
                k++;
            }
            if (start >= 0) Run(start, b);
        }

        private void Run(int a, int b)
        {
            // "The" leads names the style guides keep lower-case, unless it belongs to a known one ("The Hague").
            while (a < b && (IsConnector(a) || (Is(a, "The") && PhraseAt(a, b, out _) == 0))) a++;
            while (b > a && IsConnector(b - 1)) b--;
            if (a >= b) return;
            if (IsClauseStart(a) && !TitleStrip(a, b, out _, out _) && PhraseAt(a, b, out _) == 0 && IsCommon(a)
                && !IsAcronym(a)
                && !(gazetteer.IsGivenName(Tok(a)) && b - a >= 2 && !IsCommon(a + 1)))
            {
                if (b - a == 1) _unsure.Add(a);
                Run(a + 1, b);
                return;
            }
            Segment(a, b);
        }

        /// <summary>
        /// A leading title inside the run ("Russian Defence Minister", "Gen.", "Secretary of State") followed by a name:
        /// returns the index of the first name token and the index just past the title's last role word.
        /// </summary>
        private bool TitleStrip(int a, int b, out int nameStart, out int titleEnd) => TitleStrip(a, b, out nameStart, out titleEnd, out _);

        private bool TitleStrip(int a, int b, out int nameStart, out int titleEnd, out int ownerEnd)
        {
            nameStart = titleEnd = ownerEnd = -1;
            var k = a;
            // An owner before a capitalised role: "Microsoft CEO", "Security Council President".
            var owner = a;
            var capitalisedRole = false;
            for (var m = a + 1; m < b && m <= a + 4 && !capitalisedRole; m++)
                capitalisedRole = char.IsUpper(Tok(m)[0]) && gazetteer.TitleOf(Tok(m)) == TitleKind.Role;
            while (capitalisedRole && owner < b && owner - a < 4 && gazetteer.TitleOf(Tok(owner)) == TitleKind.None && PhraseAt(owner, b, out _) == 0) owner++;
            if (owner > a && owner < b && gazetteer.TitleOf(Tok(owner)) is TitleKind.Role && char.IsUpper(Tok(owner)[0]) && !IsConnector(owner - 1))
            {
                ownerEnd = owner;
                k = owner;
            }
            var role = -1;
            while (k < b)
            {
                var kind = gazetteer.TitleOf(Tok(k));
                if (kind is TitleKind.Role or TitleKind.Honorific) { role = k; k++; continue; }
                if (kind == TitleKind.Modifier) { k++; continue; }
                if (role < 0 || k > role + 1)
                {
                    var n = PhraseAt(k, b, out var phrase);
                    if (n > 0 && phrase is PhraseKind.Demonym or PhraseKind.Country or PhraseKind.Organisation && k + n < b && role < 0) { k += n; continue; }
                }
                if (IsConnector(k) && k + 1 < b && gazetteer.TitleOf(Tok(k + 1)) != TitleKind.None && Is(k, "of")) { k++; continue; }
                break;
            }
            if (role < 0 || k >= b) return false;
            var start = k; // after the last title word: "Secretary of State" ends at "State"
            if (IsConnector(start)) return false;
            // "General Motors", "Supreme Court": a title word inside an organisation or place name.
            for (var m = start; m < b; m++)
                if (gazetteer.IsOrganisationWord(Tok(m))) return false;
            if (gazetteer.IsPlaceWord(Tok(b - 1))) return false;
            nameStart = start;
            titleEnd = start;
            return true;
        }

        private void Segment(int a, int b)
        {
            if (TitleStrip(a, b, out var nameStart, out var titleEnd, out var ownerEnd))
            {
                var k = a;
                if (ownerEnd > a)
                {
                    Segment(a, ownerEnd);
                    k = ownerEnd;
                }
                // Demonyms and countries inside the title are names too ("Russian" in "Russian President").
                while (k < titleEnd)
                {
                    var n = PhraseAt(k, titleEnd, out var phrase);
                    if (n > 0 && phrase != PhraseKind.None && gazetteer.TitleOf(Tok(k)) == TitleKind.None)
                    {
                        Add(k, k + n, TypeOf(phrase), Evidence.Strong);
                        k += n;
                    }
                    else k++;
                }
                var title = TextSpan.FromBounds(tokens[a].Start, tokens[titleEnd - 1].End);
                var honorific = gazetteer.TitleOf(Tok(titleEnd - 1)) == TitleKind.Honorific;
                if (!honorific && PhraseOf(nameStart, b) is PhraseKind.Country or PhraseKind.Place)
                {
                    Add(nameStart, b, EntityType.LOC, Evidence.Strong);
                    return;
                }
                for (var m = nameStart + 1; m < b - 1; m++)
                {
                    if (!SplitterLookup.Contains(Tok(m))) continue;
                    AddPerson(nameStart, m, Evidence.Strong, title); // "President X and Y"
                    Segment(m + 1, b);
                    return;
                }
                AddPerson(nameStart, b, Evidence.Strong, title);
                return;
            }

            if (AllTitleWords(a, b)) return; // "Defence Minister" with no name after it

            var whole = PhraseOf(a, b);
            if (whole is PhraseKind.Country or PhraseKind.Place) { Add(a, b, EntityType.LOC, Evidence.Strong); return; }
            if (whole == PhraseKind.Demonym) { Add(a, b, EntityType.MISC, Evidence.Strong); return; }
            if (whole == PhraseKind.Organisation) { Add(a, b, EntityType.ORG, Evidence.Strong); return; }

            if (b - a >= 2 && gazetteer.IsPlaceWord(Tok(b - 1))) { Add(a, b, EntityType.LOC, Evidence.Strong); return; }

            // "Russia and China", "the United States and South Korea": a side that is a known place splits the run.
            for (var m = a + 1; m < b - 1; m++)
            {
                if (!(Is(m, "and") || Is(m, "&"))) continue;
                if (PhraseOf(a, m) == PhraseKind.None && PhraseOf(m + 1, b) == PhraseKind.None) break;
                Segment(a, m);
                Segment(m + 1, b);
                return;
            }

            // "Northeast Asia", "Southern California", "Western Europe".
            if (b - a >= 2 && CompassLookup.Contains(Tok(a)) && PhraseOf(a + 1, b) is PhraseKind.Place or PhraseKind.Country)
            {
                Add(a, b, EntityType.LOC, Evidence.Strong);
                return;
            }

            var lead = PhraseAt(a, b, out var leadKind);
            for (var m = a; m < b; m++)
            {
                if (!gazetteer.IsOrganisationWord(Tok(m))) continue;
                if (lead > 0 && leadKind == PhraseKind.Demonym && b - (a + lead) >= 2 && !IsConnector(a + lead))
                {
                    Add(a, a + lead, EntityType.MISC, Evidence.Strong);
                    Add(a + lead, b, EntityType.ORG, Evidence.Strong);
                }
                else Add(a, b, EntityType.ORG, Evidence.Strong);
                return;
            }

            // Connectors join separate names unless a keyword made the whole an organisation or place.
            for (var m = a + 1; m < b - 1; m++)
            {
                if (!SplitterLookup.Contains(Tok(m))) continue;
                Segment(a, m);
                var next = m + 1;
                while (next < b && IsConnector(next)) next++;
                if (next < b) Segment(next, b);
                return;
            }

            // A leading demonym or country before other names: "Ukrainian Zelensky", "Russia Putin".
            if (lead > 0 && lead < b - a)
            {
                Add(a, a + lead, TypeOf(leadKind), Evidence.Strong);
                Segment(a + lead, b);
                return;
            }

            var titleBefore = TitleBefore(a);
            if (titleBefore is not null) { AddPerson(a, b, Evidence.Strong, titleBefore); return; }

            if (b - a == 1 && IsAcronym(a)) { Add(a, b, EntityType.ORG, Evidence.Strong); return; }

            if (HasPersonContext(a, b)) { AddPerson(a, b, Evidence.Strong, null); return; }

            if (b - a == 1)
            {
                var t = Tok(a);
                if ((gazetteer.IsGivenName(t) || gazetteer.IsSurname(t)) && !IsCommon(a)) { AddPerson(a, b, Evidence.Medium, null); return; }
                if (IsCommon(a)) { _unsure.Add(a); return; }
                if (SuffixType(t) is { } bySuffix) { Add(a, b, bySuffix, Evidence.Medium); return; }
                Add(a, b, WeakTypeFromContext(a) ?? EntityType.PER, Evidence.Weak);
                return;
            }

            if (gazetteer.IsGivenName(Tok(a)) && !IsCommon(a)) { AddPerson(a, b, Evidence.Strong, null); return; }
            var nameLike = true;
            for (var m = a; m < b && nameLike; m++)
                nameLike = IsInitial(m) || !IsCommon(m) || gazetteer.IsGivenName(Tok(m)) || gazetteer.IsSurname(Tok(m));
            var allCommon = true;
            for (var m = a; m < b && allCommon; m++) allCommon = IsCommon(m) || IsConnector(m);
            var byContext = allCommon ? null : WeakTypeFromContext(a); // "the Cold War" is no organisation
            if (nameLike && !IsAcronym(a) && byContext is null) { AddPerson(a, b, Evidence.Medium, null); return; }
            Add(a, b, byContext ?? EntityType.MISC, Evidence.Weak);
        }

        /// <summary>Word endings typical of place names ("-stan", "-ia") and of surnames ("-ov", "-enko", "-escu").</summary>
        private static EntityType? SuffixType(ReadOnlySpan<char> word)
        {
            if (word.Length < 5 || !char.IsUpper(word[0]) || char.IsUpper(word[^1])) return null;
            foreach (var ending in PlaceEndings)
                if (word.EndsWith(ending, StringComparison.Ordinal)) return EntityType.LOC;
            foreach (var ending in SurnameEndings)
                if (word.EndsWith(ending, StringComparison.Ordinal)) return EntityType.PER;
            return null;
        }

        /// <summary>The word before an untyped name: people take no article ("the Kremlin"), places follow "in" ("in Volgograd").</summary>
        private EntityType? WeakTypeFromContext(int a)
        {
            if (a - 1 < _first) return null;
            var before = Tok(a - 1);
            if (before is "the") return EntityType.ORG;
            if (before is "in" or "near" or "outside" or "across" or "throughout" or "towards" or "toward") return EntityType.LOC;
            return null;
        }

        private static EntityType TypeOf(PhraseKind kind) => kind switch
        {
            PhraseKind.Demonym => EntityType.MISC,
            PhraseKind.Organisation => EntityType.ORG,
            _ => EntityType.LOC,
        };

        private bool AllTitleWords(int a, int b)
        {
            for (var m = a; m < b; m++)
                if (gazetteer.TitleOf(Tok(m)) == TitleKind.None && !IsConnector(m)) return false;
            return true;
        }

        /// <summary>A role phrase written just before the name: "North Korean leader", "Russia's defence minister".</summary>
        private TextSpan? TitleBefore(int a)
        {
            var k = a - 1;
            var role = -1;
            var firstTitle = -1;
            while (k >= _first && a - k <= MaxRunTokens)
            {
                var kind = gazetteer.TitleOf(Tok(k));
                if (kind is TitleKind.Role or TitleKind.Honorific && (role >= 0 || k == a - 1))
                {
                    if (role < 0) role = k;
                    firstTitle = k;
                    k--;
                    continue;
                }
                if (kind == TitleKind.Modifier && role >= 0) { firstTitle = k; k--; continue; }
                if (role < 0) break;
                var n = PhraseEndingAt(k + 1, _first, out var phrase);
                if (n > 0 && phrase is PhraseKind.Demonym or PhraseKind.Country or PhraseKind.Organisation) { firstTitle = k + 1 - n; k -= n; continue; }
                var t = Tok(k);
                if (t is "'s" or "’s" && k - 1 >= _first && PhraseEndingAt(k, _first, out var owner) > 0 && owner is PhraseKind.Country or PhraseKind.Place)
                {
                    var m = PhraseEndingAt(k, _first, out _);
                    firstTitle = k - m;
                    k -= m + 1;
                    continue;
                }
                break;
            }
            if (role < 0) return null;
            return TextSpan.FromBounds(tokens[firstTitle].Start, tokens[role].End);
        }

        /// <summary>Context that marks a person: "X, a senior researcher", "X, 45,", "X said", "said X.".</summary>
        private bool HasPersonContext(int a, int b)
        {
            if (b < _end && SpeechLookup.Contains(Tok(b))) return true;
            if (b + 1 < _end && Is(b, ",") && SpeechLookup.Contains(Tok(b + 1))) return true;
            if (b + 2 < _end && Is(b, ","))
            {
                var after = Tok(b + 1);
                if (after.Length > 0 && char.IsDigit(after[0]) && Is(b + 2, ",")) return true; // age
                if (after is "who" or "whose") return true; // organisations and places take "which"
                if (ArticleLookup.Contains(after))
                {
                    for (var k = b + 2; k < Math.Min(_end, b + 8); k++)
                    {
                        if (Is(k, ",") || Is(k, ".")) break;
                        if (gazetteer.TitleOf(Tok(k)) == TitleKind.Role) return true;
                    }
                }
            }
            if (a - 1 >= _first && SpeechLookup.Contains(Tok(a - 1)) && (b >= _end || Tok(b) is "," or "." or ";"))
                return true;
            return false;
        }

        private void AddPerson(int a, int b, Evidence evidence, TextSpan? title)
            => Add(a, b, EntityType.PER, evidence, title);

        private void Add(int a, int b, EntityType type, Evidence evidence, TextSpan? title = null)
        {
            if (a >= b) return;
            _found.Add(new Candidate(a, b, type, evidence, title));
        }

        private string NameOf(Candidate c) => text[tokens[c.FirstToken].Start..tokens[c.EndToken - 1].End];

        public IReadOnlyList<EntityMention> Finish()
        {
            // What the article says firmly about each name and each part of a person's name.
            var firm = new Dictionary<string, EntityType>(StringComparer.Ordinal);
            var personParts = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in _found)
            {
                if (c.Evidence == Evidence.Weak) continue;
                firm.TryAdd(NameOf(c), c.Type);
                if (c.Type != EntityType.PER || c.EndToken - c.FirstToken < 2) continue;
                for (var k = c.FirstToken; k < c.EndToken; k++)
                {
                    var t = Tok(k);
                    // A strongly typed person lends every part; a weaker one only parts that are not common words.
                    if (t.Length > 2 && !IsConnector(k) && (c.Evidence == Evidence.Strong || !gazetteer.IsCommonWord(t))) personParts.Add(t.ToString());
                }
            }

            var result = new List<EntityMention>(_found.Count + _unsure.Count);
            foreach (var c in _found)
            {
                var type = c.Type;
                if (c.Evidence != Evidence.Strong)
                {
                    var name = NameOf(c);
                    if (firm.TryGetValue(name, out var known) && (c.Evidence == Evidence.Weak || known != EntityType.PER)) type = known;
                    else if (c.Evidence == Evidence.Weak && c.EndToken - c.FirstToken == 1 && personParts.Contains(name)) type = EntityType.PER;
                }
                var span = TextSpan.FromBounds(tokens[c.FirstToken].Start, tokens[c.EndToken - 1].End);
                result.Add(new EntityMention(span, type) { Title = c.Title });
            }
            foreach (var i in _unsure)
            {
                var word = Tok(i).ToString();
                if (personParts.Contains(word)) result.Add(new EntityMention(tokens[i].Span, EntityType.PER));
                else if (firm.TryGetValue(word, out var known)) result.Add(new EntityMention(tokens[i].Span, known));
            }
            return [.. result.OrderBy(m => m.Span.Start)];
        }
    }
}
