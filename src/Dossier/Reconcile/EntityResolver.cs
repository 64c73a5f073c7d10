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
/// transliteration variants by a folded key, surname-only and partial mentions by the full name they continue,
/// acronyms by the initials of their expansion.
/// </summary>
public sealed class EntityResolver
{
    private sealed class Group(EntityType type)
    {
        public readonly List<Member> Members = [];
        public readonly Dictionary<EntityType, int> TypeVotes = new() { [type] = 0 };
        public IReadOnlyList<string> Tokens = [];
        public string[] Folded = [];
        public Group? MergedInto;

        public Group Root() => MergedInto is null ? this : MergedInto.Root();
    }

    private sealed record Member(int ArticleIndex, string Article, EntityMention Mention, string Surface, IReadOnlyList<string> Tokens)
    {
        /// <summary>The tokens with romanisation variants folded, computed once.</summary>
        public string[] Folded { get; } = Tokens.Select(NameForms.FoldToken).ToArray();
    }

    public ResolvedEntities Resolve(IReadOnlyList<AnnotatedArticle> articles)
    {
        var byKey = new Dictionary<string, Group>(StringComparer.Ordinal);
        var groups = new List<Group>();
        var shortMembers = new List<Member>();

        for (var a = 0; a < articles.Count; a++)
        {
            var article = articles[a];
            foreach (var mention in article.Entities)
            {
                var surface = NameForms.Tidy(article.Of(mention.Span));
                var tokens = NameForms.Tokens(surface, mention.Type == EntityType.PER);
                if (tokens.Count == 0) continue;
                var member = new Member(a, article.Id, mention, surface, tokens);
                if (tokens.Count == 1 && mention.Type != EntityType.LOC && NameForms.Acronym(surface) is null)
                {
                    shortMembers.Add(member); // decided once all full names are known
                    continue;
                }
                Add(member, byKey, groups);
            }
        }

        LinkAcronyms(groups);
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
        foreach (var member in shortMembers)
        {
            var host = fullNames.TryGetValue(member.Folded[0], out var candidates) ? FindFullName(member, candidates) : null;
            if (host is not null) Join(host, member);
            else Add(member, byKey, groups);
        }

        return Build(groups.Where(g => g.MergedInto is null).ToList());
    }

    private static void Add(Member member, Dictionary<string, Group> byKey, List<Group> groups)
    {
        var key = string.Concat(member.Folded);
        if (!byKey.TryGetValue(key, out var group))
        {
            group = new Group(member.Mention.Type) { Tokens = member.Tokens, Folded = member.Folded };
            byKey[key] = group;
            groups.Add(group);
        }
        Join(group.Root(), member);
    }

    private static void Join(Group group, Member member)
    {
        group.Members.Add(member);
        group.TypeVotes[member.Mention.Type] = group.TypeVotes.GetValueOrDefault(member.Mention.Type) + 1;
        if (member.Tokens.Count > group.Tokens.Count) (group.Tokens, group.Folded) = (member.Tokens, member.Folded);
    }

    /// <summary>An acronym ("KCNA", "U.S.") joins the entity whose name it abbreviates, when exactly one does.</summary>
    private static void LinkAcronyms(List<Group> groups)
    {
        var byInitials = new Dictionary<string, List<Group>>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            if (g.Tokens.Count < 2) continue;
            foreach (var initials in g.Members.Select(m => NameForms.Initials(m.Surface)).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (!byInitials.TryGetValue(initials, out var list)) byInitials[initials] = list = [];
                list.Add(g);
            }
        }
        foreach (var acronymGroup in groups)
        {
            if (acronymGroup.MergedInto is not null || acronymGroup.Tokens.Count != 1) continue;
            var acronym = acronymGroup.Members.Select(m => NameForms.Acronym(m.Surface)).FirstOrDefault(x => x is not null);
            if (acronym is null || !byInitials.TryGetValue(acronym, out var matches)) continue;
            var live = matches.Where(g => g != acronymGroup && g.MergedInto is null).Distinct().ToList();
            if (live.Count != 1) continue;
            var target = live[0];
            foreach (var m in acronymGroup.Members) Join(target, m);
            acronymGroup.Members.Clear();
            acronymGroup.MergedInto = target;
        }
    }

    /// <summary>
    /// The full name a short mention ("Belousov", "Kim", "Mr Putin") continues: a longer person name that contains
    /// its tokens; in the same article the nearest such name before it wins, else the one after, else the story's most
    /// mentioned.
    /// </summary>
    private static Group? FindFullName(Member member, List<Group> groups)
    {
        Group? best = null;
        var bestRank = (Tier: int.MaxValue, Distance: int.MaxValue, Count: 0);
        foreach (var group in groups)
        {
            if (group.MergedInto is not null) continue;
            if (Dominant(group) != EntityType.PER && member.Mention.Type != Dominant(group)) continue;

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
            var rank = (tier, distance, group.Members.Count);
            if (best is null || rank.tier < bestRank.Tier || (rank.tier == bestRank.Tier && (rank.distance < bestRank.Distance
                || (rank.distance == bestRank.Distance && rank.Count > bestRank.Count))))
            {
                best = group;
                bestRank = rank;
            }
        }
        return best;
    }

    private static EntityType Dominant(Group group) => group.TypeVotes
        .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;

    private static ResolvedEntities Build(List<Group> groups)
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
                    .Select(m => new Citation(m.Article, m.Mention.Span)).ToList());
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
            foreach (var m in group.Members) byMention[(m.Article, m.Mention.Span.Start)] = withId;
        }
        return new ResolvedEntities(entities, byMention);
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
