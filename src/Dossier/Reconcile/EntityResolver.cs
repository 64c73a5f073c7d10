using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>The story's entities and, for each mention, the entity it belongs to.</summary>
public sealed record ResolvedEntities(IReadOnlyList<StoryEntity> Entities, IReadOnlyDictionary<(string Article, int Start), StoryEntity> ByMention)
{
    /// <summary>The entity whose mention starts at or covers <paramref name="span"/> in <paramref name="article"/>.</summary>
    public StoryEntity? At(AnnotatedArticle article, TextSpan span)
    {
        if (ByMention.TryGetValue((article.Id, span.Start), out var exact)) return exact;
        foreach (var m in article.Entities)
            if (m.Span.Overlaps(span) && ByMention.TryGetValue((article.Id, m.Span.Start), out var covering)) return covering;
        return null;
    }
}

/// <summary>
/// Folds the entity mentions of a story's articles into one entity per real-world referent: spelling and
/// transliteration variants by a folded key; titles and descriptions around a name set aside ("EADS chief executive
/// Louis Gallois" is Louis Gallois); surname-only and first-name mentions by the full name they continue, a surname that
/// fits two people going to the nearest or staying apart; acronyms by the expansion that defines them or whose
/// initials they spell; country names by the country they denote; descriptions that an apposition or a title gives
/// a name ("X, Russia's defence minister") by that name. Capitals and demonyms are not merged with their country but
/// linked to it (<see cref="EntityRelation"/>).
/// </summary>
public sealed class EntityResolver(PlaceFacts places, Func<string, bool> isTitle)
{
    public EntityResolver() : this(PlaceFacts.Default, TitleWords(Annotate.Gazetteer.Default)) { }

    /// <summary>Roles and honorifics of the gazetteer's titles table, and NameForms' honorifics.</summary>
    public static Func<string, bool> TitleWords(Annotate.Gazetteer gazetteer)
        => w => gazetteer.TitleOf(w) is Annotate.TitleKind.Role or Annotate.TitleKind.Honorific || NameForms.IsHonorific(w);

    private sealed class Group(EntityType type)
    {
        public readonly List<Member> Members = [];
        public readonly Dictionary<EntityType, int> TypeVotes = new() { [type] = 0 };
        public IReadOnlyList<string> Tokens = [];
        public string[] Folded = [];
        public Group? MergedInto;

        public Group Root() => MergedInto is null ? this : MergedInto.Root();
    }

    private sealed record Member(int ArticleIndex, string Article, EntityMention Mention, string Surface, IReadOnlyList<string> Tokens,
        string? Name, string? DefinedAcronym, IReadOnlyList<string> Descriptions)
    {
        /// <summary>The tokens with romanisation variants folded, computed once.</summary>
        public string[] Folded { get; } = Tokens.Select(NameForms.FoldToken).ToArray();
        public bool IsDescription => Tokens.Count == 0;
    }

    public ResolvedEntities Resolve(IReadOnlyList<AnnotatedArticle> articles)
    {
        var byKey = new Dictionary<string, Group>(StringComparer.Ordinal);
        var groups = new List<Group>();
        var shortMembers = new List<Member>();
        var descriptionMembers = new List<Member>();
        var all = new List<Member>();

        for (var a = 0; a < articles.Count; a++)
        {
            var article = articles[a];
            foreach (var mention in article.Entities)
            {
                var surface = NameForms.Tidy(article.Of(mention.Span));
                var person = mention.Type == EntityType.PER;
                var parsed = NameForms.Parse(surface, person, isTitle);
                var tokens = parsed.Name is null ? [] : NameForms.Tokens(parsed.Name, person);
                var descriptions = parsed.Descriptions.ToList();
                if (mention.Title is { } title && NameForms.Parse(article.Of(title), true, isTitle).Descriptions is [var written, ..]) descriptions.Add(written);
                if (person && parsed.Name is not null && Apposition(article.Text, mention.Span.End) is { } apposition) descriptions.Add(apposition);
                var member = new Member(a, article.Id, mention, surface, tokens, parsed.Name, parsed.DefinedAcronym, descriptions);
                if (tokens.Count == 0 && descriptions.Count == 0) continue;
                all.Add(member);
                if (member.IsDescription) descriptionMembers.Add(member);
                // A one-word name waits for the full names, unless it is a place or a country ("Jordan" the person still waits).
                else if (tokens.Count == 1 && mention.Type != EntityType.LOC && NameForms.Acronym(parsed.Name!) is null
                    && (person || places.CountryOf(parsed.Name!) is null))
                    shortMembers.Add(member); // decided once all full names are known
                else Add(member, byKey, groups);
            }
        }

        LinkDefinedAcronyms(groups, shortMembers);
        LinkAcronyms(groups);
        LinkPartialNames(groups);
        LinkMiddleNames(groups);
        var fullNames = new Dictionary<string, List<Group>>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            if (g.MergedInto is not null || g.Tokens.Count < 2) continue;
            foreach (var t in g.Folded.Distinct(StringComparer.Ordinal))
            {
                if (!fullNames.TryGetValue(t, out var list)) fullNames[t] = list = [];
                list.Add(g);
            }
        }
        var bare = shortMembers.GroupBy(m => (m.Folded[0], m.Mention.Type)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var member in shortMembers)
        {
            var host = fullNames.TryGetValue(member.Folded[0], out var candidates) ? FindFullName(member, candidates, bare[(member.Folded[0], member.Mention.Type)]) : null;
            if (host is not null) Join(host, member);
            else Add(member, byKey, groups);
        }
        LinkDescriptions(all, descriptionMembers, byKey, groups);

        return Build(groups.Where(g => g.MergedInto is null).ToList());
    }

    private void Add(Member member, Dictionary<string, Group> byKey, List<Group> groups)
    {
        // Names of one country ("U.S.", "United States of America") share a key; other names key on their folded tokens.
        var key = member.IsDescription ? "description:" + member.Descriptions[0] : NameKey(member);
        if (!byKey.TryGetValue(key, out var group))
        {
            group = new Group(member.Mention.Type) { Tokens = member.Tokens, Folded = member.Folded };
            byKey[key] = group;
            groups.Add(group);
        }
        Join(group.Root(), member);
    }

    /// <summary>
    /// The description set off by commas right after a person's name ("Andrei Belousov, Russia's defence minister,"):
    /// a few words without a name of their own that hold a role word.
    /// </summary>
    private string? Apposition(string text, int end)
    {
        var at = end;
        while (at < text.Length && text[at] == ' ') at++;
        if (at >= text.Length || text[at] != ',') return null;
        var stop = text.IndexOfAny([',', '.', ';', '\n', '(', ')'], at + 1);
        if (stop < 0) return null;
        var phrase = text[(at + 1)..stop].Trim();
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 1 or > 8 || !words.Any(w => isTitle(w))) return null;
        var parsed = NameForms.Parse(phrase, true, isTitle);
        return parsed.Name is null && parsed.Descriptions is [var description] ? description : null;
    }

    /// <summary>
    /// The folded tokens, with a country's name written first replaced by the country ("US Air Force" and "United
    /// States Air Force" share a key); a name that is a country is that country alone.
    /// </summary>
    private string NameKey(Member member)
    {
        if (member.Mention.Type == EntityType.PER) return string.Concat(member.Folded);
        for (var n = member.Tokens.Count; n >= 1; n--)
            if (places.CountryOf(string.Join(' ', member.Tokens.Take(n))) is { } country)
                return "country:" + country + (n == member.Tokens.Count ? "" : ":" + string.Concat(member.Folded.Skip(n)));
        return string.Concat(member.Folded);
    }

    /// <summary>
    /// A name of several words that starts or ends the name of exactly one other entity of its type ("China Eastern",
    /// "the Air Force") joins it, when that longer name is written at least as often.
    /// </summary>
    private void LinkPartialNames(List<Group> groups)
    {
        var live = groups.Where(g => g.MergedInto is null && g.Tokens.Count >= 2 && g.Members.Count > 0).ToList();
        var keys = live.ToDictionary(g => g, g => KeyTokens(g));
        foreach (var shorter in live.OrderBy(g => g.Tokens.Count))
        {
            if (shorter.MergedInto is not null || Dominant(shorter) == EntityType.PER) continue;
            var mine = keys[shorter];
            var hosts = live.Where(g => g != shorter && g.MergedInto is null && Dominant(g) == Dominant(shorter) && keys[g].Count > mine.Count
                && (keys[g].Take(mine.Count).SequenceEqual(mine) || keys[g].Skip(keys[g].Count - mine.Count).SequenceEqual(mine))).ToList();
            if (hosts is [var host] && host.Members.Count >= shorter.Members.Count) Merge(shorter, host);
        }
    }

    /// <summary>
    /// A person's name written with and without a middle name or initial ("Brian Nichols", "Brian G. Nichols") is one
    /// person when exactly one longer name of that first and last name adds capitalised middle words to it; two
    /// different middles ("Brian G. Nichols", "Brian K. Nichols") leave the short name alone.
    /// </summary>
    private static void LinkMiddleNames(List<Group> groups)
    {
        var people = groups.Where(g => g.MergedInto is null && g.Tokens.Count >= 2 && g.Members.Count > 0 && Dominant(g) == EntityType.PER).ToList();
        foreach (var shorter in people.OrderBy(g => g.Tokens.Count))
        {
            if (shorter.MergedInto is not null) continue;
            var mine = shorter.Folded;
            var hosts = people.Where(g => g != shorter && g.MergedInto is null && g.Folded.Length > mine.Length
                && g.Folded[0] == mine[0] && g.Folded[^1] == mine[^1] && Subsequence(mine, g.Folded)
                && CapitalisedMiddle(g)).ToList();
            if (hosts is [var host]) Merge(shorter, host);
        }
    }

    /// <summary>
    /// The middle words of the group's full name are written capitalised (a name or an initial): a lower-case particle
    /// ("bin", "van") is part of the surname, not a middle name.
    /// </summary>
    private static bool CapitalisedMiddle(Group g)
    {
        var middle = g.Tokens.Skip(1).Take(g.Tokens.Count - 2).ToHashSet(StringComparer.Ordinal);
        foreach (var m in g.Members.Where(m => m.Tokens.Count == g.Tokens.Count))
            foreach (var word in m.Surface.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
                if (word.Length > 0 && middle.Contains(NameForms.Token(word)) && !char.IsUpper(word[0]))
                    return false;
        return true;
    }

    /// <summary>Every word of <paramref name="part"/> appears in <paramref name="whole"/>, in order.</summary>
    private static bool Subsequence(string[] part, string[] whole)
    {
        var at = 0;
        foreach (var w in whole)
            if (at < part.Length && w == part[at]) at++;
        return at == part.Length;
    }

    /// <summary>The group's longest name as folded tokens, a leading country name standing as one token.</summary>
    private List<string> KeyTokens(Group g)
    {
        for (var n = g.Tokens.Count; n >= 1; n--)
            if (places.CountryOf(string.Join(' ', g.Tokens.Take(n))) is { } country)
                return [country, .. g.Folded.Skip(n)];
        return [.. g.Folded];
    }

    private static void Join(Group group, Member member)
    {
        group.Members.Add(member);
        group.TypeVotes[member.Mention.Type] = group.TypeVotes.GetValueOrDefault(member.Mention.Type) + 1;
        if (member.Tokens.Count > group.Tokens.Count) (group.Tokens, group.Folded) = (member.Tokens, member.Folded);
    }

    private static void Merge(Group from, Group into)
    {
        if (from == into) return;
        foreach (var m in from.Members) Join(into, m);
        from.Members.Clear();
        from.MergedInto = into;
    }

    /// <summary>An acronym a mention defines in parentheses ("the Royal Air Force (RAF)") joins that name wherever it is written.</summary>
    private static void LinkDefinedAcronyms(List<Group> groups, List<Member> shortMembers)
    {
        var defined = new Dictionary<string, HashSet<Group>>(StringComparer.Ordinal);
        foreach (var g in groups)
            foreach (var m in g.Members)
                if (m.DefinedAcronym is { } a)
                {
                    if (!defined.TryGetValue(a, out var set)) defined[a] = set = [];
                    set.Add(g);
                }
        foreach (var (acronym, owners) in defined)
        {
            if (owners.Select(o => o.Root()).Distinct().ToList() is not [var owner]) continue;
            foreach (var g in groups.Where(g => g.MergedInto is null && g != owner && g.Members.Any(m => m.Name is { } n && NameForms.Acronym(n) == acronym)).ToList())
                Merge(g, owner);
        }
    }

    /// <summary>An acronym ("KCNA", "U.S.") joins the entity whose name it abbreviates, when exactly one does.</summary>
    private static void LinkAcronyms(List<Group> groups)
    {
        var byInitials = new Dictionary<string, List<Group>>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            if (g.MergedInto is not null || g.Tokens.Count < 2) continue;
            foreach (var initials in g.Members.Select(m => m.Name is { } n ? NameForms.Initials(n) : null).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (!byInitials.TryGetValue(initials, out var list)) byInitials[initials] = list = [];
                list.Add(g);
            }
        }
        foreach (var acronymGroup in groups)
        {
            if (acronymGroup.MergedInto is not null || acronymGroup.Tokens.Count != 1) continue;
            var acronym = acronymGroup.Members.Select(m => m.Name is { } n ? NameForms.Acronym(n) : null).FirstOrDefault(x => x is not null);
            if (acronym is null || !byInitials.TryGetValue(acronym, out var matches)) continue;
            var live = matches.Select(g => g.Root()).Where(g => g != acronymGroup).Distinct().ToList();
            if (live.Count != 1) continue;
            Merge(acronymGroup, live[0]);
        }
    }

    /// <summary>
    /// A description joins the name it is said of: the name of the mention it is written inside ("Louis Gallois, the
    /// Airbus chief executive"), else the one name an apposition or title gave that description in the story. Other
    /// descriptions of two words or more group by their words; shorter ones stay alone.
    /// </summary>
    private void LinkDescriptions(List<Member> all, List<Member> descriptions, Dictionary<string, Group> byKey, List<Group> groups)
    {
        var owner = new Dictionary<Member, Group>();
        foreach (var g in groups)
            foreach (var m in g.Members) owner[m] = g;
        var said = new Dictionary<string, HashSet<Group>>(StringComparer.Ordinal);
        foreach (var m in all.Where(m => !m.IsDescription))
            foreach (var d in m.Descriptions.Where(d => d.Contains(' ')))
            {
                if (!said.TryGetValue(d, out var set)) said[d] = set = [];
                set.Add(owner[m].Root());
            }
        // Names by article, in mention order, so a description looks only at its own article's names.
        var namesIn = all.Where(m => !m.IsDescription).GroupBy(m => m.ArticleIndex).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var member in descriptions)
        {
            var key = member.Descriptions[0];
            var host = namesIn.GetValueOrDefault(member.ArticleIndex, []).Where(m => m.Mention.Type == member.Mention.Type
                    && m.Mention.Span.Contains(member.Mention.Span) && m.Descriptions.Contains(key))
                .Select(m => owner[m].Root()).FirstOrDefault();
            if (host is null && said.TryGetValue(key, out var hosts) && hosts.Select(h => h.Root()).Distinct().ToList() is [var only]
                && Dominant(only) == member.Mention.Type)
                host = only;
            if (host is not null) Join(host, member);
            else if (key.Contains(' ')) Add(member, byKey, groups);
            else
            {
                var alone = new Group(member.Mention.Type);
                groups.Add(alone);
                Join(alone, member);
            }
        }
    }

    /// <summary>
    /// The full name a short mention ("Belousov", "Kim", "Mr Putin", "Northrop") continues. A person's name continues
    /// any person name holding its token: in the same article the nearest such name before it wins, else the one
    /// after; elsewhere only a single such name, since a surname two people share says neither. Other names continue
    /// the one longer name of their type that starts with them, and only if it is written at least as often as they are.
    /// </summary>
    private static Group? FindFullName(Member member, List<Group> groups, int bareCount)
    {
        var person = member.Mention.Type == EntityType.PER;
        var live = groups.Select(g => g.Root()).Distinct().Where(g => g.Tokens.Count >= 2).ToList();
        if (!person)
        {
            var starting = live.Where(g => Dominant(g) == member.Mention.Type && g.Folded[0] == member.Folded[0]).ToList();
            if (starting is [var one] && one.Members.Count >= bareCount) return one;
            // A surname the tagger typed as something else still continues the one person of that surname.
            var people = live.Where(g => Dominant(g) == EntityType.PER && g.Folded[^1] == member.Folded[0]).ToList();
            return starting.Count == 0 && people is [var p] ? p : null;
        }

        Group? best = null;
        var bestRank = (Tier: int.MaxValue, Distance: int.MaxValue);
        var candidates = 0;
        foreach (var group in live)
        {
            if (Dominant(group) != EntityType.PER) continue;
            candidates++;
            var tier = 2;
            var distance = int.MaxValue;
            foreach (var m in group.Members)
            {
                if (m.ArticleIndex != member.ArticleIndex || m.Tokens.Count < 2) continue;
                var before = m.Mention.Span.Start <= member.Mention.Span.Start;
                var d = Math.Abs(member.Mention.Span.Start - m.Mention.Span.Start);
                var t = before ? 0 : 1;
                if (t < tier || (t == tier && d < distance)) { tier = t; distance = d; }
            }
            if (best is null || tier < bestRank.Tier || (tier == bestRank.Tier && distance < bestRank.Distance))
            {
                best = group;
                bestRank = (tier, distance);
            }
        }
        return bestRank.Tier < 2 || candidates == 1 ? best : null;
    }

    /// <summary>The type most of a group's mentions have; on a tie the first in <see cref="EntityType"/> order.</summary>
    private static EntityType Dominant(Group group)
    {
        var (best, votes) = (EntityType.PER, -1);
        foreach (var (type, count) in group.TypeVotes)
            if (count > votes || (count == votes && type < best)) (best, votes) = (type, count);
        return best;
    }

    private ResolvedEntities Build(List<Group> groups)
    {
        var built = new List<(StoryEntity Entity, Group Group)>();
        foreach (var group in groups.Where(g => g.Members.Count > 0))
        {
            var forms = group.Members
                .GroupBy(m => m.Surface, StringComparer.Ordinal)
                .Select(g => (Surface: g.Key, Count: g.Count(), First: g.Min(m => (m.ArticleIndex, m.Mention.Span.Start)), Tokens: g.First().Tokens.Count))
                .OrderByDescending(f => f.Count).ThenBy(f => f.First).ToList();
            var maxTokens = forms.Max(f => f.Tokens);
            // The name is the full form written most often (a title glued to one mention does not win); ties go to
            // the longer form, then the earlier.
            var fullFloor = Math.Min(2, maxTokens);
            var name = forms.Where(f => f.Tokens >= fullFloor)
                .OrderByDescending(f => f.Count).ThenByDescending(f => f.Tokens).ThenBy(f => f.First).First().Surface;
            var type = group.Members.GroupBy(m => m.Mention.Type)
                .OrderByDescending(g => g.Count(m => m.Tokens.Count == maxTokens)).ThenByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
            var entity = new StoryEntity(
                Id: "",
                Name: name,
                Type: type,
                Aliases: forms.Select(f => f.Surface).ToList(),
                Articles: group.Members.Select(m => m.Article).Distinct().Order(StringComparer.Ordinal).ToList(),
                Mentions: group.Members.OrderBy(m => m.ArticleIndex).ThenBy(m => m.Mention.Span.Start)
                    .Select(m => new Citation(m.Article, m.Mention.Span)).ToList())
            {
                Descriptions = group.Members.SelectMany(m => m.Descriptions).Distinct(StringComparer.Ordinal).ToList(),
            };
            built.Add((entity, group));
        }

        built.Sort((x, y) =>
        {
            var c = y.Entity.Mentions.Count.CompareTo(x.Entity.Mentions.Count);
            return c != 0 ? c : string.CompareOrdinal(x.Entity.Name, y.Entity.Name);
        });

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var entities = new List<StoryEntity>();
        var byMention = new Dictionary<(string, int), StoryEntity>();
        foreach (var (entity, group) in built)
        {
            var id = Slug(entity.Name);
            for (var n = 2; !ids.Add(id); n++) id = $"{Slug(entity.Name)}-{n}";
            var withId = entity with { Id = id };
            entities.Add(withId);
        }
        entities = Relate(entities);
        for (var i = 0; i < entities.Count; i++)
            foreach (var m in built[i].Group.Members) byMention[(m.Article, m.Mention.Span.Start)] = entities[i];
        return new ResolvedEntities(entities, byMention);
    }

    /// <summary>Links capitals standing for governments and demonyms to their country's entity, when the story names that country.</summary>
    private List<StoryEntity> Relate(List<StoryEntity> entities)
    {
        var countries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in entities.Where(e => e.Type != EntityType.PER))
            foreach (var code in e.Aliases.Select(places.CountryOf).OfType<string>().Distinct(StringComparer.Ordinal))
                countries.TryAdd(code, e.Id);
        return entities.Select(e =>
        {
            if (e.Type == EntityType.PER) return e;
            var relations = new List<EntityRelation>();
            void Link(string kind, Func<string, string?> lookup)
            {
                foreach (var code in e.Aliases.Select(lookup).OfType<string>().Distinct(StringComparer.Ordinal))
                    if (countries.TryGetValue(code, out var country) && country != e.Id && !relations.Any(r => r.Entity == country && r.Kind == kind))
                        relations.Add(new EntityRelation(kind, country));
            }
            Link("capital-of", places.CapitalOf);
            Link("demonym-of", places.DemonymOf);
            return relations.Count == 0 ? e : e with { Relations = relations };
        }).ToList();
    }

    private static string Slug(string name)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in Language.Words.StripDiacritics(name).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "entity" : slug;
    }
}
