using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>
/// One atomic claim as one article states it: a story entity as subject, a predicate (verb lemma, or the verb behind an
/// event noun such as "talks with"), at most one object entity, the date and figure of its clause, and whether it is
/// negated. A sentence with two objects ("met A and B") gives two claims.
/// </summary>
internal sealed record ArticleClaim(
    AnnotatedArticle Article,
    TextSpan Sentence,
    TextSpan Predicate,
    string Lemma,
    bool Passive,
    StoryEntity Subject,
    StoryEntity? Object,
    TimeExpression? Time,
    FigureMention? Figure,
    bool Negated);

/// <summary>
/// Reads atomic claims out of an annotated article without a parser: a predicate is a verb form the verb lexicon knows,
/// found right after its subject's verb group (auxiliaries, negation, adverbs); the subject is the story entity that ends
/// there, across an apposition or a relative clause, or the person a "he"/"she" stands for; objects are the entities
/// after the predicate up to the end of its clause. Figures bring their own verb and subject from the figure reader.
/// Words inside quotation marks are the speaker's, not the outlet's claims, and are left to the quotes.
/// </summary>
internal sealed class ClaimExtractor
{
    private readonly ClaimWords _words = ClaimWords.Default;

    /// <summary>Longest stretch read for a predicate's objects, in tokens.</summary>
    private const int MaxArgumentTokens = 25;

    public List<ArticleClaim> Extract(AnnotatedArticle article, ResolvedEntities entities)
    {
        var claims = new List<ArticleClaim>();
        var reader = new Reader(article, entities, _words);
        var figureVerbs = new HashSet<int>();
        foreach (var figure in article.Figures)
        {
            if (reader.FromFigure(figure) is not { } claim) continue;
            figureVerbs.Add(claim[0].Predicate.Start);
            claims.AddRange(claim);
        }
        for (var s = 0; s < article.Sentences.Count; s++)
        {
            var sentence = article.Sentences[s];
            StoryEntity? lastSubject = null;
            for (var k = sentence.FirstToken; k < sentence.EndToken; k++)
            {
                if (figureVerbs.Contains(article.Tokens[k].Start)) continue;
                var found = reader.At(sentence, k, lastSubject);
                if (found.Count == 0) continue;
                lastSubject = found[0].Subject;
                claims.AddRange(found);
            }
        }
        return claims.OrderBy(c => c.Predicate.Start).ThenBy(c => c.Subject.Id, StringComparer.Ordinal)
            .ThenBy(c => c.Object?.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The article's tokens, entity mentions by token and quoted stretches, read once.</summary>
    private sealed class Reader
    {
        private readonly AnnotatedArticle _article;
        private readonly ResolvedEntities _entities;
        private readonly ClaimWords _words;
        private readonly Annotate.NameGenders _genders = Annotate.NameGenders.Default;
        private readonly string _text;
        private readonly IReadOnlyList<Token> _tokens;
        /// <summary>Per token, the index of the entity mention it starts, ends or is inside of (-1 for none).</summary>
        private readonly int[] _mentionAt;
        private readonly bool[] _quoted;
        /// <summary>The latest person a claim had as subject, and where: a "he" or "she" prefers the subject before it (centering).</summary>
        private (int Position, StoryEntity Person)? _recentPerson;

        public Reader(AnnotatedArticle article, ResolvedEntities entities, ClaimWords words)
        {
            _article = article;
            _entities = entities;
            _words = words;
            _text = article.Text;
            _tokens = article.Tokens;
            _mentionAt = new int[_tokens.Count];
            Array.Fill(_mentionAt, -1);
            _quoted = new bool[_tokens.Count];
            var t = 0;
            for (var m = 0; m < article.Entities.Count; m++)
            {
                var span = article.Entities[m].Span;
                while (t < _tokens.Count && _tokens[t].End <= span.Start) t++;
                for (var k = t; k < _tokens.Count && _tokens[k].Start < span.End; k++) _mentionAt[k] = m;
            }
            foreach (var q in article.Quotes)
            {
                if (q.Kind == QuoteKind.Reported) continue;
                var k = TokenAt(q.Content.Start);
                for (; k < _tokens.Count && _tokens[k].Start < q.Content.End; k++) _quoted[k] = true;
            }
        }

        private string Lower(int k) => _text.Substring(_tokens[k].Start, _tokens[k].Length).ToLowerInvariant();

        private bool StartsLower(int k) => _tokens[k].Length > 0 && char.IsLower(_text[_tokens[k].Start]);

        private int TokenAt(int position)
        {
            int lo = 0, hi = _tokens.Count - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_tokens[mid].End <= position) lo = mid + 1;
                else if (_tokens[mid].Start > position) hi = mid - 1;
                else return mid;
            }
            return Math.Min(lo, Math.Max(0, _tokens.Count - 1));
        }

        /// <summary>Stands for "no subject" where <see cref="Objects"/> needs one to leave out.</summary>
        private static readonly StoryEntity PlaceHolder = new("", "", EntityType.MISC, [], [], []);

        private StoryEntity? Entity(int mention) => mention < 0 ? null : _entities.At(_article, _article.Entities[mention].Span);

        /// <summary>Only people, organisations and places act in a claim; a nationality or an event name does not.</summary>
        private static bool CanAct(StoryEntity? e) => e is { Type: EntityType.PER or EntityType.ORG or EntityType.LOC };

        /// <summary>Claims whose predicate is token <paramref name="k"/>: a verb after its subject, or an event noun before "with".</summary>
        public List<ArticleClaim> At(Sentence sentence, int k, StoryEntity? lastSubject)
        {
            if (_quoted[k] || _mentionAt[k] >= 0 || !StartsLower(k)) return [];
            var lower = Lower(k);
            // The verb group before the word: auxiliaries, negation, adverbs.
            var p = k - 1;
            bool negated = false, passive = false, marker = false, progressive = false, hedged = false;
            for (var hops = 0; p >= sentence.FirstToken && hops < 4; hops++, p--)
            {
                var w = Lower(p);
                // "reportedly", not "Italy" or "Kelly": an adverb is lower-case and no part of a name.
                var adverb = w.Length > 4 && w.EndsWith("ly", StringComparison.Ordinal) && StartsLower(p) && _mentionAt[p] < 0;
                if (!ClaimWords.VerbGroup.Contains(w) && !adverb) break;
                if (ClaimWords.Negations.Contains(w)) negated = true;
                if (ClaimWords.Hedges.Contains(w)) hedged = true;
                if (p == k - 1 || (p == k - 2 && ClaimWords.Negations.Contains(Lower(k - 1))))
                {
                    if (ClaimWords.BaseFormMarkers.Contains(w)) marker = true;
                    if (ClaimWords.Passive.Contains(w)) { passive = true; progressive = true; }
                }
            }
            if (k > sentence.FirstToken && Lower(k - 1) == "to") return []; // an infinitive complements another predicate

            if (hedged) return [];
            var lemma = _words.Lemma(lower, baseForm: marker, presentForm: p == k - 1 && PresentFormFits(sentence, k));
            if (lemma is null && progressive && lower.Length > 5 && lower.EndsWith("ing", StringComparison.Ordinal))
            {
                var l = Annotate.Figures.Lemmas.Verb(lower);
                if (_words.IsVerbLemma(l)) { lemma = l; passive = false; }
            }
            if (lemma is not null)
            {
                if (ClaimWords.Empty.Contains(lemma)) return [];
                // "-ed" after "was" is passive; "-ing" after it is not, and an irregular past ("sent") after it is a participle.
                if (passive && lower.EndsWith("ing", StringComparison.Ordinal)) passive = false;
                var verbal = Verbal(sentence, k, p, lemma, passive, negated, lastSubject);
                if (verbal.Count > 0) return verbal;
            }
            return Nominal(sentence, k, lower, lastSubject);
        }

        /// <summary>
        /// A third-person "-s" form is a verb only when something follows it and its subject opens the clause; "broader
        /// NATO interests." is a noun phrase.
        /// </summary>
        private bool PresentFormFits(Sentence sentence, int k)
        {
            if (k - 1 < sentence.FirstToken || k + 1 >= sentence.EndToken || k + 1 >= _tokens.Count || _tokens[k + 1].Length == 0
                || !char.IsLetterOrDigit(_text[_tokens[k + 1].Start])) return false;
            var m = _mentionAt[k - 1];
            if (m < 0) return true;
            var mention = _article.Entities[m];
            var start = TokenAt((mention.Title is { } t && t.Start < mention.Span.Start ? t : mention.Span).Start);
            if (start <= sentence.FirstToken) return true;
            var before = Lower(start - 1);
            return before is "," or "and" or "but" or ";" || ClaimWords.ClauseOpeners.Contains(before);
        }

        private List<ArticleClaim> Verbal(Sentence sentence, int k, int p, string lemma, bool passive, bool negated, StoryEntity? lastSubject)
        {
            if (p < sentence.FirstToken) return [];
            // The subject of a relative clause ("Judge Y, who was presiding") is not the one a later "he" continues.
            var before = _recentPerson;
            var claims = VerbalClaims(sentence, k, p, lemma, passive, negated, lastSubject);
            if (Lower(p) is "who" or "whom" or "which" or "that") _recentPerson = before;
            return claims;
        }

        private List<ArticleClaim> VerbalClaims(Sentence sentence, int k, int p, string lemma, bool passive, bool negated, StoryEntity? lastSubject)
        {
            var subject = SubjectEndingAt(sentence, p, lastSubject);
            if (subject is null) return [];
            var (opener, partner) = BeforeSubject(sentence, p);
            if (opener is { } o && ClaimWords.NotAsserted.Contains(o)) return [];
            if (opener is "nor" or "neither") negated = true;
            var end = ClauseEnd(sentence, k + 1);
            if (partner is not null && partner.Id != subject.Id)
            {
                // "Putin and Kim signed": a reciprocal predicate joins the two; any other is stated of each.
                if (ClaimWords.Reciprocal.Contains(lemma)) return Emit(sentence, k, lemma, passive, partner, [subject], negated, end);
                var objects = Objects(k + 1, end, subject);
                return [.. Emit(sentence, k, lemma, passive, partner, objects, negated, end), .. Emit(sentence, k, lemma, passive, subject, objects, negated, end)];
            }
            var from = k + 1;
            if (passive && from + 1 < end && Lower(from) == "by" && Entity(_mentionAt[from + 1]) is { } agent && CanAct(agent))
            {
                // "was confirmed by the ministry": the ministry confirmed it.
                var objects = Objects(from + 2, end, agent);
                objects.Insert(0, subject);
                return Emit(sentence, k, lemma, false, agent, objects.Distinct().Where(o => o.Id != agent.Id).Take(1).ToList(), negated, end);
            }
            return Emit(sentence, k, lemma, passive, subject, Objects(from, end, subject), negated, end);
        }

        /// <summary>
        /// "his visit to X", "the mayor's meeting with X", "for high-level talks with X": an event noun (one whose verb the
        /// lexicon knows) owned by a possessor or set after a preposition of circumstance, then its party. The subject is
        /// the possessor, else the clause's subject.
        /// </summary>
        private List<ArticleClaim> Nominal(Sentence sentence, int k, string lower, StoryEntity? lastSubject)
        {
            if (k + 2 >= sentence.EndToken || Lower(k + 1) is not ("with" or "between" or "to" or "against" or "on")) return [];
            if (lower.EndsWith("ed", StringComparison.Ordinal)) return [];
            var noun = Annotate.Figures.Lemmas.Singular(lower);
            if (!_words.IsEventNoun(noun)) return [];
            // The verb behind the noun when there is one ("talks" → "talk", "meeting" → "meet"), else the noun ("incursion").
            var verb = Annotate.Figures.Lemmas.Verb(noun);
            var lemma = _words.IsVerbLemma(verb) ? verb : noun;
            if (ClaimWords.Empty.Contains(lemma)) return [];
            StoryEntity? subject = null;
            var owned = false;
            for (var b = k - 1; b >= sentence.FirstToken && b >= k - 3; b--)
            {
                var w = Lower(b);
                if (ClaimWords.PersonPossessives.Contains(w)) { subject = PersonBefore(_tokens[b].Start, Annotate.NameGenders.OfPronoun(w)); owned = true; break; }
                if (w is "'s" or "\u2019s")
                {
                    if (b - 1 >= sentence.FirstToken && Entity(_mentionAt[b - 1]) is { } owner && CanAct(owner)) subject = owner;
                    owned = true;
                    break;
                }
                if (ClaimWords.EventSettings.Contains(w)) { owned = true; break; }
                if (!StartsLower(b)) break;
            }
            if (!owned) return [];
            var end = ClauseEnd(sentence, k + 2);
            if (Lower(k + 1) == "between")
            {
                // "cooperation between Madrid and Lisbon": the two parties are the ones named, not the clause's subject.
                var parties = Objects(k + 2, end, subject ?? lastSubject ?? FirstActor(sentence, k) ?? PlaceHolder);
                return parties.Count >= 2 ? Emit(sentence, k, lemma, false, parties[0], [parties[1]], false, end) : [];
            }
            subject ??= lastSubject ?? FirstActor(sentence, k);
            if (subject is null) return [];
            return Emit(sentence, k, lemma, false, subject, Objects(k + 2, end, subject).Take(1).ToList(), false, end);
        }

        private List<ArticleClaim> Emit(Sentence sentence, int k, string lemma, bool passive, StoryEntity subject, List<StoryEntity> objects, bool negated, int end)
        {
            var clause = TextSpan.FromBounds(_tokens[k].Start, _tokens[Math.Max(k, end - 1)].End);
            var time = TimeIn(clause) ?? TimeBefore(sentence, _tokens[k].Start);
            var figure = _article.Figures.FirstOrDefault(f => f.UnitClass is not null && clause.Contains(f.Span.Start)
                && (f.VerbSpan is not { } own || own.Start == _tokens[k].Start));
            var predicate = _tokens[k].Span;
            if (subject.Type == EntityType.PER) _recentPerson = (predicate.Start, subject);
            if (objects.Count == 0) return [new ArticleClaim(_article, sentence.Span, predicate, lemma, passive, subject, null, time, figure, negated)];
            return objects.Select(o => new ArticleClaim(_article, sentence.Span, predicate, lemma, passive, subject, o, time, figure, negated)).ToList();
        }

        /// <summary>A claim from a figure with its governing verb and subject ("Chile has sent 300 soldiers to Arauco").</summary>
        public List<ArticleClaim>? FromFigure(FigureMention figure)
        {
            if (figure.Verb is not { } verb || figure.VerbSpan is not { } verbSpan || figure.SubjectSpan is not { } subjectSpan) return null;
            if (figure.UnitClass is null || ClaimWords.Empty.Contains(verb) || Annotate.FigureRecognizer.IsReportingVerb(verb)) return null;
            var subject = _entities.At(_article, subjectSpan);
            if (!CanAct(subject)) return null;
            var s = SentenceIndex.Find(_article.Sentences, figure.Span.Start);
            if (s < 0) return null;
            var sentence = _article.Sentences[s];
            var k = TokenAt(verbSpan.Start);
            if (_quoted[k]) return null;
            var after = TokenAt((figure.UnitSpan ?? figure.Span).End - 1) + 1;
            var end = ClauseEnd(sentence, Math.Max(after, k + 1));
            var negated = false;
            for (var p = k - 1; p >= sentence.FirstToken && p >= k - 3; p--)
                if (ClaimWords.Negations.Contains(Lower(p))) negated = true;
            var claims = Emit(sentence, k, verb, false, subject!, Objects(after, end, subject!), negated, end);
            return claims.Select(c => c with { Figure = figure }).ToList();
        }

        /// <summary>
        /// The word before the subject that ends at token <paramref name="p"/> (lower-cased), and the entity joined to the
        /// subject by "and" ("Putin and Kim"), if any.
        /// </summary>
        private (string? Opener, StoryEntity? Partner) BeforeSubject(Sentence sentence, int p)
        {
            var m = _mentionAt[p];
            var start = p;
            if (m >= 0)
            {
                var mention = _article.Entities[m];
                start = TokenAt((mention.Title is { } t && t.Start < mention.Span.Start ? t : mention.Span).Start);
            }
            if (start - 1 < sentence.FirstToken) return (null, null);
            var before = Lower(start - 1);
            if (m >= 0 && before == "and" && start - 2 >= sentence.FirstToken && _mentionAt[start - 2] >= 0)
            {
                var partner = NameAsSubject(sentence, _mentionAt[start - 2]);
                var other = _article.Entities[_mentionAt[start - 2]];
                var first = TokenAt((other.Title is { } t && t.Start < other.Span.Start ? t : other.Span).Start);
                return (first - 1 >= sentence.FirstToken ? Lower(first - 1) : null, partner);
            }
            return (before, null);
        }

        /// <summary>The subject whose last token is <paramref name="p"/>: a name, a name before an apposition or relative clause, a pronoun.</summary>
        private StoryEntity? SubjectEndingAt(Sentence sentence, int p, StoryEntity? lastSubject)
        {
            var w = Lower(p);
            if (_mentionAt[p] >= 0) return NameAsSubject(sentence, _mentionAt[p]);
            if (ClaimWords.PersonPronouns.Contains(w)) return PersonBefore(_tokens[p].Start, Annotate.NameGenders.OfPronoun(w));
            if (w is "who" or "which" && p - 1 >= sentence.FirstToken)
            {
                var q = Lower(p - 1) == "," ? p - 2 : p - 1;
                return q >= sentence.FirstToken && _mentionAt[q] >= 0 ? NameAsSubject(sentence, _mentionAt[q]) : null;
            }
            if (w == "and") return lastSubject;
            if (w == "," && p - 1 >= sentence.FirstToken && _mentionAt[p - 1] >= 0)
                return NameAsSubject(sentence, _mentionAt[p - 1]); // "The governor, Pablo Ferrer, asked"
            if (w == ",")
            {
                // "Ferrer, who took office this year, arrived": the name before the opening comma.
                for (var q = p - 1; q >= sentence.FirstToken && q >= p - 15; q--)
                {
                    if (Lower(q) != ",") continue;
                    if (q - 1 >= sentence.FirstToken && _mentionAt[q - 1] >= 0) return NameAsSubject(sentence, _mentionAt[q - 1]);
                    break;
                }
            }
            return null;
        }

        /// <summary>The entity of a mention that ends before a verb, unless a preposition governs it ("the visit to Lima ended").</summary>
        private StoryEntity? NameAsSubject(Sentence sentence, int mention)
        {
            var m = _article.Entities[mention];
            var start = TokenAt((m.Title ?? m.Span).Start);
            if (m.Title is { } title && title.Start > m.Span.Start) start = TokenAt(m.Span.Start);
            if (start - 1 >= sentence.FirstToken && ClaimWords.Prepositions.Contains(Lower(start - 1))) return null;
            var e = Entity(mention);
            return CanAct(e) ? e : null;
        }

        /// <summary>
        /// The person a "he", "she" or "his" before <paramref name="position"/> stands for: the subject of the latest claim
        /// in this or the last sentence; else the nearest person named earlier in the same sentence; else the first person
        /// named in the nearest of the three sentences before that names one (a sentence's subject usually comes first:
        /// in "X went to see Judge Y. Minutes later, he shot Y", he is X).
        /// </summary>
        private StoryEntity? PersonBefore(int position, Annotate.Sex sex)
        {
            var s = SentenceIndex.Find(_article.Sentences, position);
            var near = s >= 0 ? _article.Sentences[Math.Max(0, s - 1)].Span.Start : 0;
            // "She" is not the last man named: a person whose given name or title tells the other sex is passed over.
            bool Fits(StoryEntity person) => _genders.Agrees(sex, person.Name);
            if (_recentPerson is { } recent && recent.Position >= near && recent.Position < position && Fits(recent.Person)) return recent.Person;
            if (s < 0) return null;
            var own = _article.Sentences[s];
            for (var t = TokenAt(position) - 1; t >= own.FirstToken; t--)
            {
                // The mentions of this sentence before the pronoun, nearest first, each once (at its first token).
                var m = _mentionAt[t];
                if (m < 0 || (t > own.FirstToken && _mentionAt[t - 1] == m)) continue;
                var start = _article.Entities[m].Span.Start;
                if (start >= own.Span.Start && start < position && Entity(m) is { Type: EntityType.PER } person && Fits(person)) return person;
            }
            for (var b = s - 1; b >= Math.Max(0, s - 3); b--)
            {
                var earlier = _article.Sentences[b];
                for (var t = earlier.FirstToken; t < earlier.EndToken; t++)
                {
                    var m = _mentionAt[t];
                    if (m < 0 || (t > earlier.FirstToken && _mentionAt[t - 1] == m)) continue;
                    if (_article.Entities[m].Span.Start >= earlier.Span.Start && Entity(m) is { Type: EntityType.PER } person && Fits(person)) return person;
                }
            }
            return null;
        }

        /// <summary>The first person or organisation of the sentence before token <paramref name="k"/>, not under a preposition.</summary>
        private StoryEntity? FirstActor(Sentence sentence, int k)
        {
            for (var t = sentence.FirstToken; t < k; t++)
            {
                if (_mentionAt[t] < 0) continue;
                if (NameAsSubject(sentence, _mentionAt[t]) is { Type: EntityType.PER or EntityType.ORG } e) return e;
                while (t + 1 < k && _mentionAt[t + 1] == _mentionAt[t]) t++;
            }
            return null;
        }

        /// <summary>Where the arguments of a predicate starting at <paramref name="from"/> end: a new clause or predicate.</summary>
        private int ClauseEnd(Sentence sentence, int from)
        {
            var limit = Math.Min(sentence.EndToken, from + MaxArgumentTokens);
            for (var t = from; t < limit; t++)
            {
                if (_mentionAt[t] >= 0) continue;
                var w = Lower(t);
                if (w is ";" or ":" or "\u2014" or "(") return t;
                if (ClaimWords.ClauseOpeners.Contains(w)) return t;
                // After a comma only a list or an apposition of names goes on ("with his counterpart, Tomas Ebert").
                if (w == "," && (t + 1 >= limit || _mentionAt[t + 1] < 0 && Lower(t + 1) is not ("and" or "or" or "including"))) return t;
                if (w == "to" && t + 1 < limit && _mentionAt[t + 1] < 0 && StartsLower(t + 1) && _words.IsVerbLemma(Lower(t + 1))) return t;
                if (w == "and" && t + 1 < limit && StartsLower(t + 1) && _words.Lemma(Lower(t + 1), false, false) is not null) return t;
                if (t > from && ClaimWords.Passive.Contains(w)) return t;
            }
            return limit;
        }

        /// <summary>
        /// The parties of a predicate after it, up to its clause's end: the name right after it (its direct object) and
        /// the names coordinated with that one ("met X and Y"); with no such name, those of the first prepositional
        /// phrase ("sent troops to the town of Arauco", "talks with X"). A name further on hangs on a noun, not on the
        /// predicate ("arrested a suspect after the theft of paintings from the museum": not the museum). Prepositions
        /// that open a time ("on Tuesday") and "of" inside a noun phrase do not count. Never its subject, a nationality
        /// used as an adjective ("Chilean territory") or the possessor of the noun that follows ("Chile's Biobio Region").
        /// </summary>
        private List<StoryEntity> Objects(int from, int end, StoryEntity subject, bool acrossCommas = true)
        {
            var result = new List<StoryEntity>();
            var phrases = 0;
            var sinceLast = 0;
            var linked = false;
            for (var t = from; t < end; t++)
            {
                var m = _mentionAt[t];
                if (m < 0)
                {
                    var w = Lower(t);
                    // "to" before a verb marks an infinitive ("sought to fortify ties with X"), not a phrase.
                    var infinitive = w == "to" && t + 1 < end && StartsLower(t + 1) && _words.IsVerbLemma(Lower(t + 1));
                    if (ClaimWords.Prepositions.Contains(w) && w != "of" && !infinitive && !StartsTime(t + 1)) { phrases++; linked = false; }
                    if (w is "and" or "or" or "," or "as") linked = true;
                    sinceLast++;
                    continue;
                }
                // A party must sit where the predicate governs it: no name taken yet and at most one phrase opened, or
                // coordinated with the last name taken.
                var governed = result.Count == 0 ? phrases <= 1 : linked && sinceLast <= 4;
                var last = t;
                while (last + 1 < _tokens.Count && _mentionAt[last + 1] == m) last++;
                var next = last + 1 < end ? Lower(last + 1) : "";
                var e = Entity(m);
                t = last;
                if (e is null || e.Id == subject.Id) continue;
                if (e.Type == EntityType.MISC || PartOfTitle(m)) continue;
                // "met X in Arauco": a place after "in" or "at" is where it happened, not a party to it.
                var first = TokenAt((_article.Entities[m].Title is { } title && title.Start < _article.Entities[m].Span.Start ? title : _article.Entities[m].Span).Start);
                if (e.Type == EntityType.LOC && first - 1 >= from && ClaimWords.Settings.Contains(Lower(first - 1))) continue;
                if (next is "'s" or "\u2019s" || _text.AsSpan(_article.Entities[m].Span.Start, _article.Entities[m].Span.Length).EndsWith("'s") || _text.AsSpan(_article.Entities[m].Span.Start, _article.Entities[m].Span.Length).EndsWith("\u2019s")) continue;
                if (next.Length > 0 && char.IsLower(next[0]) && e.Type == EntityType.LOC && last + 1 < end && _mentionAt[last + 1] < 0
                    && !ClaimWords.Prepositions.Contains(next) && next is not ("and" or "or")) continue;
                if (!governed) { sinceLast = 0; linked = false; continue; }
                if (!result.Contains(e)) result.Add(e);
                sinceLast = 0;
                linked = false;
                if (!acrossCommas && next == ",") break;
            }
            return result;
        }

        /// <summary>Whether a time expression starts at token <paramref name="k"/> (or right after its determiner).</summary>
        private bool StartsTime(int k)
        {
            if (k >= _tokens.Count) return false;
            var end = k + 1 < _tokens.Count ? _tokens[k + 1].End : _tokens[k].End;
            var first = FirstTimeFrom(_tokens[k].Start);
            return first < _article.Times.Count && _article.Times[first].Span.Start <= end;
        }

        /// <summary>The index of the first time expression starting at or after <paramref name="position"/> (the times are in text order).</summary>
        private int FirstTimeFrom(int position)
        {
            int lo = 0, hi = _article.Times.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_article.Times[mid].Span.Start < position) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        /// <summary>A name inside the title of the name after it ("Interior" of "Interior Minister Rosa Quintero") names no party.</summary>
        private bool PartOfTitle(int mention)
        {
            if (mention + 1 >= _article.Entities.Count) return false;
            var next = _article.Entities[mention + 1];
            if (next.Title is { } title && title.Start < next.Span.Start && title.Start <= _article.Entities[mention].Span.End + 1) return true;
            if (next.Type != EntityType.PER) return false;
            // Or only capitalised words stand between the two: "Interior Minister Rosa Quintero".
            var t = TokenAt(_article.Entities[mention].Span.End - 1) + 1;
            var last = TokenAt(next.Span.Start);
            if (last - t is < 1 or > 2) return false;
            for (; t < last; t++)
                if (_mentionAt[t] >= 0 || StartsLower(t) || _tokens[t].Length == 0 || !char.IsLetter(_text[_tokens[t].Start])) return false;
            return true;
        }

        /// <summary>
        /// A date written earlier in the sentence than the predicate and in its clause: "On Monday, X met Y", but not the
        /// 2004 of "He hosted the 2004 show, and won an Emmy", which is another clause's. A date after the predicate's
        /// clause ("X met Y, officials said on Tuesday") belongs to the verb it follows, not to the claim.
        /// </summary>
        private TimeExpression? TimeBefore(Sentence sentence, int predicate)
        {
            TimeExpression? found = null;
            for (var i = FirstTimeFrom(sentence.Span.Start); i < _article.Times.Count; i++)
            {
                var t = _article.Times[i];
                if (t.Span.Start >= predicate) break;
                if (t.Type != TimexType.DATE || !IsCalendar(t.Value)) continue;
                found = t;
            }
            if (found is null) return null;
            if (found.Span.End >= predicate) return found;
            var between = _text.AsSpan(found.Span.End, predicate - found.Span.End);
            return between.Contains(", and ", StringComparison.Ordinal) || between.Contains(", but ", StringComparison.Ordinal)
                || between.Contains("; ", StringComparison.Ordinal) ? null : found;
        }

        /// <summary>The first calendar date written in a span ("in June", "on Friday, Nov. 29"), anchored to the article's date.</summary>
        private TimeExpression? TimeIn(TextSpan span)
        {
            for (var i = FirstTimeFrom(span.Start); i < _article.Times.Count; i++)
            {
                var t = _article.Times[i];
                if (t.Span.Start >= span.End) break;
                if (!span.Contains(t.Span.Start) || t.Type != TimexType.DATE || !IsCalendar(t.Value)) continue;
                return t;
            }
            return null;
        }

        private static bool IsCalendar(string? value)
            => value is { Length: 4 or 7 or 10 } v && char.IsDigit(v[0]) && v.All(c => char.IsDigit(c) || c == '-');
    }
}
