using System.Globalization;
using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>Options for aligning claims across sources.</summary>
public sealed record ClaimOptions
{
    /// <summary>
    /// How alike (Jaccard over content stems and entities) two sentences giving different full dates for one claim must
    /// be for the dates to contest each other; below it they are taken as two happenings ("met in 2018", "met in 2019").
    /// </summary>
    public double SameReportSimilarity { get; init; } = 0.35;

    /// <summary>
    /// Also join claims of one subject told with different verbs or objects when the trained event model
    /// (<see cref="EventPairModel"/>) puts their predicates in one event across two articles ("attacked" and "struck").
    /// </summary>
    public bool AlignByEvents { get; init; } = true;
}

/// <summary>
/// Aligns the atomic claims of a story's articles into one claim per fact: the same predicate with the same subject
/// and object, where a capital stands for its country's government and a nationality for its country ("Santiago has
/// sent" is "Chile has sent"), and where the two parties of a reciprocal predicate ("met") may come in either
/// order. Claims that carry figures of one figure group are one claim. Then judges each: corroborated by two or more
/// independent sources, compatible variants (overlapping ranges; one date more precise than the other), contested
/// (ranges or dates that exclude each other; one source negating what another states), or single-source.
/// </summary>
public sealed class ClaimAligner(ClaimOptions options, FigureOptions figures)
{
    private readonly ClaimExtractor _extractor = new();
    private readonly FigureReconciler _figures = new(figures);
    private readonly Lazy<EventPairModel> _events = new(EventPairModel.LoadDefault);
    private readonly EventMentions _mentions = new(ClaimWords.Default);

    public ClaimAligner() : this(new ClaimOptions(), new FigureOptions()) { }

    public (IReadOnlyList<StoryClaim> Claims, IReadOnlyList<SourceCoverage> Coverage) Align(
        IReadOnlyList<AnnotatedArticle> sources, ResolvedEntities entities, IReadOnlyList<FigureGroup> figures,
        IReadOnlyList<DerivedCopy> derived)
    {
        var byId = entities.Entities.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var origin = CopyDetector.Origins(sources.Select(a => a.Id), derived);
        var all = sources.SelectMany(a => _extractor.Extract(a, entities)).ToList();

        // Figures of one figure group make one claim, whatever verb each source hangs them on.
        var figureGroup = new Dictionary<(string, int), int>();
        for (var g = 0; g < figures.Count; g++)
            foreach (var c in figures[g].Variants.SelectMany(v => v.Citations))
                figureGroup.TryAdd((c.Article, c.Span.Start), g);

        var groups = new Dictionary<string, List<ArticleClaim>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var claim in all)
        {
            // Within a figure group, only figures hung on one predicate of one subject are one claim: the group pools
            // numbers of one kind of unit, and "Bush rushed for 404 yards" is not what another player did.
            var key = claim.Figure is { } f && figureGroup.TryGetValue((claim.Article.Id, f.Span.Start), out var g)
                ? "figure#" + g.ToString(CultureInfo.InvariantCulture) + "#" + Canonical(claim.Subject, byId) + "|" + claim.Lemma
                : Key(claim, byId);
            if (!groups.TryGetValue(key, out var list)) { groups[key] = list = []; order.Add(key); }
            list.Add(claim);
        }
        FoldObjectless(groups, order);
        if (options.AlignByEvents) JoinByEvents(groups, order, sources, entities);

        // A figure group that several claims share cannot lend its other passages to any one of them.
        var keysPerGroup = order.Where(k => k.StartsWith("figure#", StringComparison.Ordinal) && groups.ContainsKey(k))
            .GroupBy(k => k[..k.IndexOf('#', 7)], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var claims = new List<(StoryClaim Claim, int FirstSeen)>();
        var stems = new Dictionary<(string, int), HashSet<string>>();
        var seen = 0;
        foreach (var key in order)
        {
            if (!groups.TryGetValue(key, out var members)) continue;
            var figureIndex = key.StartsWith("figure#", StringComparison.Ordinal)
                ? int.Parse(key.AsSpan(7, key.IndexOf('#', 7) - 7), CultureInfo.InvariantCulture) : -1;
            var parts = SplitByConflict(members, stems);
            var lend = figureIndex >= 0 && parts.Count == 1 && keysPerGroup[key[..key.IndexOf('#', 7)]] == 1
                && figures[figureIndex].Agreement != Agreement.Conflict;
            foreach (var part in parts)
                claims.Add((Judge(part, lend ? figures[figureIndex] : null, origin, byId), seen++));
        }
        var ordered = claims
            .OrderByDescending(c => c.Claim.IndependentSources)
            .ThenBy(c => c.Claim.Status)
            .ThenBy(c => c.FirstSeen)
            .Select(c => c.Claim)
            .ToList();
        return (ordered, Coverage(sources, ordered, origin));
    }

    /// <summary>The entity a claim is about for alignment: a capital's country, a nationality's country, else itself.</summary>
    private static string Canonical(StoryEntity e, IReadOnlyDictionary<string, StoryEntity> byId)
    {
        foreach (var r in e.Relations)
            if (r.Kind is "capital-of" or "demonym-of" && byId.ContainsKey(r.Entity)) return r.Entity;
        return e.Id;
    }

    private static string Key(ArticleClaim c, IReadOnlyDictionary<string, StoryEntity> byId)
    {
        var subject = Canonical(c.Subject, byId);
        var obj = c.Object is { } o ? Canonical(o, byId) : "";
        var predicate = c.Passive ? c.Lemma + "/passive" : c.Lemma;
        if (ClaimWords.Reciprocal.Contains(c.Lemma) && obj.Length > 0 && string.CompareOrdinal(obj, subject) < 0) (subject, obj) = (obj, subject);
        return subject + "|" + predicate + "|" + obj;
    }

    /// <summary>A claim that names no object ("the minister arrived") joins the one claim of that subject and predicate that does, when there is one.</summary>
    private static void FoldObjectless(Dictionary<string, List<ArticleClaim>> groups, List<string> order)
    {
        // Keys are "subject|predicate|object": index the fuller ones by their "subject|predicate|" prefix once.
        var fuller = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var key in order)
        {
            if (key.EndsWith('|') || key.StartsWith("figure#", StringComparison.Ordinal)) continue;
            var prefix = key[..(key.LastIndexOf('|') + 1)];
            if (!fuller.TryGetValue(prefix, out var list)) fuller[prefix] = list = [];
            list.Add(key);
        }
        foreach (var key in order.Where(k => k.EndsWith('|') && !k.StartsWith("figure#", StringComparison.Ordinal)).ToList())
        {
            if (!fuller.TryGetValue(key, out var candidates) || candidates.Count != 1) continue;
            groups[candidates[0]].AddRange(groups[key]);
            groups.Remove(key);
        }
    }

    /// <summary>
    /// Joins claim groups of one subject (and the same object, or none on one side) whose predicates the event model puts
    /// in one event, reported by two different articles: one happening told with two verbs or with its object named by
    /// only one source. Figure claims keep their own grouping.
    /// </summary>
    private void JoinByEvents(Dictionary<string, List<ArticleClaim>> groups, List<string> order,
        IReadOnlyList<AnnotatedArticle> sources, ResolvedEntities entities)
    {
        if (sources.Count < 2) return;
        // Only the mentions that could join two claims: the claims' predicates.
        var model = _events.Value;
        var at = groups.Values.SelectMany(g => g).ToLookup(c => c.Article.Id, c => c.Predicate.Start);
        var words = sources.Where(a => at.Contains(a.Id))
            .SelectMany(a => _mentions.Find(a, entities, at[a.Id].ToHashSet())).ToList();
        var eventOf = new Dictionary<(string Article, int Start), int>();
        var clusters = model.Cluster(words.Select(w => w.Context).ToList());
        for (var e = 0; e < clusters.Count; e++)
        {
            if (clusters[e].Count < 2) continue;
            foreach (var i in clusters[e]) eventOf[(words[i].Article.Id, words[i].Article.Tokens[words[i].Token].Start)] = e;
        }
        // Per event, the claim groups whose predicates fall in it and the articles they come from.
        var keys = order.Where(k => groups.ContainsKey(k) && !k.StartsWith("figure#", StringComparison.Ordinal)).ToList();
        var byEvent = new Dictionary<int, List<string>>();
        foreach (var key in keys)
            foreach (var e in groups[key].Select(c => eventOf.TryGetValue((c.Article.Id, c.Predicate.Start), out var e) ? e : -1).Where(e => e >= 0).Distinct())
            {
                if (!byEvent.TryGetValue(e, out var list)) byEvent[e] = list = [];
                list.Add(key);
            }
        var parent = keys.ToDictionary(k => k, k => k, StringComparer.Ordinal);
        var rank = keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        // Who did it and to whom, per merged group: a join must not bring two different doers or two different
        // recipients together, even through a claim that names neither ("arrested Carver", "arrested", "arrested Dolan").
        var roles = keys.ToDictionary(k => k, Roles, StringComparer.Ordinal);
        var articles = keys.ToDictionary(k => k, k => groups[k].Select(c => c.Article.Id).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        string Find(string k) { while (parent[k] != k) k = parent[k] = parent[parent[k]]; return k; }
        foreach (var candidates in byEvent.Values)
        {
            // Who each article itself says did it and to whom in this event: a claim that names no one, told by an article
            // that names Carver and by one that names Dolan ("FBI arrests man" in both), joins neither.
            var named = new Dictionary<string, List<(string? Agent, string? Patient)>>(StringComparer.Ordinal);
            foreach (var key in candidates)
                foreach (var article in articles[key])
                {
                    if (!named.TryGetValue(article, out var list)) named[article] = list = [];
                    list.Add(Roles(key));
                }
            for (var x = 0; x < candidates.Count; x++)
                for (var y = x + 1; y < candidates.Count; y++)
                {
                    var (a, b) = (candidates[x], candidates[y]);
                    if (!Joinable(a, b, groups)) continue;
                    var (ra, rb) = (Find(a), Find(b));
                    if (ra == rb || Merged(roles[ra], roles[rb]) is not { } merged) continue;
                    if (articles[ra].Concat(articles[rb]).Any(article => named.TryGetValue(article, out var said) && said.Any(r => Merged(r, merged) is null))) continue;
                    // The first key in reading order keeps the merged claim.
                    if (rank[rb] < rank[ra]) (ra, rb) = (rb, ra);
                    parent[rb] = ra;
                    roles[ra] = merged;
                    articles[ra].UnionWith(articles[rb]);
                }
        }
        foreach (var key in keys)
        {
            var root = Find(key);
            if (root == key) continue;
            groups[root].AddRange(groups[key]);
            groups.Remove(key);
        }
    }

    /// <summary>The doer and the recipient a claim key names (null: not named); a passive names only its recipient.</summary>
    private static (string? Agent, string? Patient) Roles(string key)
    {
        var p = key.Split('|');
        if (p.Length != 3) return (null, null);
        return p[1].EndsWith("/passive", StringComparison.Ordinal) ? (null, p[0]) : (p[0], p[2].Length > 0 ? p[2] : null);
    }

    /// <summary>The roles of two groups together, or null when they name two different doers or recipients.</summary>
    private static (string? Agent, string? Patient)? Merged((string? Agent, string? Patient) a, (string? Agent, string? Patient) b)
    {
        if (a.Agent is not null && b.Agent is not null && a.Agent != b.Agent) return null;
        if (a.Patient is not null && b.Patient is not null && a.Patient != b.Patient) return null;
        return (a.Agent ?? b.Agent, a.Patient ?? b.Patient);
    }

    /// <summary>
    /// Same subject and voice with objects equal or missing on one side, or a passive whose subject is the active one's
    /// object ("X was arrested", "the FBI arrested X"); and the joined claim holds passages of at least two articles.
    /// </summary>
    private static bool Joinable(string a, string b, Dictionary<string, List<ArticleClaim>> groups)
    {
        var pa = a.Split('|');
        var pb = b.Split('|');
        if (pa.Length != 3 || pb.Length != 3) return false;
        var (passiveA, passiveB) = (pa[1].EndsWith("/passive", StringComparison.Ordinal), pb[1].EndsWith("/passive", StringComparison.Ordinal));
        if (passiveA != passiveB)
        {
            var (passive, active) = passiveA ? (pa, pb) : (pb, pa);
            if (passive[0] != active[2]) return false;
        }
        else if (pa[0] != pb[0] || pa[2].Length > 0 && pb[2].Length > 0 && pa[2] != pb[2]) return false;
        var first = groups[a][0].Article.Id;
        return groups[a].Concat(groups[b]).Any(c => c.Article.Id != first);
    }

    /// <summary>
    /// Claims of one key that give dates or figures excluding each other, or of which one denies what the other states,
    /// are about different happenings ("scored 23 points" in one game, "12" in another), unless their sentences are so
    /// alike that they report the same one: then they contest each other, and the claim stays whole.
    /// </summary>
    private List<List<ArticleClaim>> SplitByConflict(List<ArticleClaim> members, Dictionary<(string, int), HashSet<string>> stems)
    {
        var parts = new List<List<ArticleClaim>>();
        foreach (var c in members)
        {
            // One alike report that tells it otherwise is enough to contest it.
            var home = parts.FirstOrDefault(p => p.All(o => !Conflict(o, c)) || p.Any(o => Conflict(o, c) && SameReport(o, c, stems)));
            if (home is null) parts.Add([c]);
            else home.Add(c);
        }
        return parts;
    }

    /// <summary>
    /// A date written with its year ("March 3, 2026") is a source's own statement; "on Tuesday" or "Dec. 2" is read
    /// against an article date that may itself be a guess, so only written dates can contest each other.
    /// </summary>
    private static bool Written(ArticleClaim c) => c.Time?.Reference is Annotate.Time.FixedTime;

    private static bool DatesContest(List<ArticleClaim> members)
    {
        var written = members.Where(Written).Select(c => (c.Article.Id, c.Time!.Value)).ToList();
        for (var i = 0; i < written.Count; i++)
            for (var j = i + 1; j < written.Count; j++)
                if (written[i].Id != written[j].Id && !DatesAgree(written[i].Value, written[j].Value)) return true;
        return false;
    }

    private bool Conflict(ArticleClaim a, ArticleClaim b)
    {
        if (a.Negated != b.Negated) return true;
        if (Written(a) && Written(b) && !DatesAgree(a.Time!.Value, b.Time!.Value)) return true;
        if (a.Figure is not { } x || b.Figure is not { } y) return false;
        var ix = _figures.Interval(new FigureVariant(x.Low, x.High, x.Approximate, "", "", [], []));
        var iy = _figures.Interval(new FigureVariant(y.Low, y.High, y.Approximate, "", "", [], []));
        return ix.High < iy.Low || iy.High < ix.Low;
    }

    private bool SameReport(ArticleClaim a, ArticleClaim b, Dictionary<(string, int), HashSet<string>> stems)
    {
        if (a.Article.Id == b.Article.Id) return false;
        return SentenceIndex.Jaccard(Stems(a, stems), Stems(b, stems)) >= options.SameReportSimilarity;
    }

    private static HashSet<string> Stems(ArticleClaim c, Dictionary<(string, int), HashSet<string>> cache)
    {
        if (!cache.TryGetValue((c.Article.Id, c.Sentence.Start), out var set))
            cache[(c.Article.Id, c.Sentence.Start)] = set = SentenceIndex.Stems(c.Article, c.Sentence);
        return set;
    }

    /// <summary>Two calendar values agree when one is a prefix of the other ("2024-06" and "2024-06-19"); a missing one agrees with any.</summary>
    internal static bool DatesAgree(string? a, string? b)
        => a is null || b is null || a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal);

    private StoryClaim Judge(List<ArticleClaim> members, FigureGroup? figures, IReadOnlyDictionary<string, string> origin, IReadOnlyDictionary<string, StoryEntity> byId)
    {
        // The passage that says the most: a figure on its own verb, an object, a date.
        var lead = members.OrderByDescending(c => (c.Figure is { VerbSpan: { } v } && v.Start == c.Predicate.Start ? 4 : 0)
                + (c.Object is null ? 0 : 2) + (c.Time is null ? 0 : 1) + (c.Figure is null ? 0 : 1))
            // Then a passage that reads whole: a sentence rather than a clause cut from a long one.
            .ThenByDescending(c => Clauses.Around(c.Article.Text, c.Sentence, c.Predicate).Start == c.Sentence.Start)
            .ThenBy(c => c.Article.Id, StringComparer.Ordinal).ThenBy(c => c.Predicate.Start).First();
        var sources = members
            .GroupBy(c => (c.Article.Id, c.Sentence.Start))
            .Select(g => g.First())
            .OrderBy(c => c.Article.Id, StringComparer.Ordinal).ThenBy(c => c.Sentence.Start)
            .Select(c => new ClaimSource(c.Article.Id, Clauses.Around(c.Article.Text, c.Sentence, c.Predicate),
                c.Time?.Value, c.Figure is { } f ? FigureText(c.Article, f) : null, c.Negated) { Predicate = c.Predicate })
            .ToList();
        // Figure groups also hold passages with no predicate found: they cite the claim all the same.
        if (figures is not null)
            foreach (var cite in figures.Variants.SelectMany(v => v.Citations.Select(c => (Citation: c, Variant: v))))
                if (!sources.Any(s => s.Article == cite.Citation.Article && s.Span.Overlaps(cite.Citation.Span) || s.Article == cite.Citation.Article && s.Figure == cite.Variant.Text))
                    sources.Add(new ClaimSource(cite.Citation.Article, cite.Citation.Span, null, cite.Variant.Text, false));
        sources = sources.OrderBy(s => s.Article, StringComparer.Ordinal).ThenBy(s => s.Span.Start).ToList();

        var independent = sources.Select(s => origin.GetValueOrDefault(s.Article, s.Article)).Distinct(StringComparer.Ordinal).Count();
        var (status, reason) = Status(members, sources, figures, independent, DatesContest(members));
        var subject = byId.GetValueOrDefault(Canonical(lead.Subject, byId)) ?? lead.Subject;
        var obj = lead.Object is { } o ? byId.GetValueOrDefault(Canonical(o, byId)) ?? o : null;
        var around = Clauses.Around(lead.Article.Text, lead.Sentence, lead.Predicate);
        var text = Clauses.OneLine(lead.Article.Text, around);
        bool HasWords(int from, int to) => lead.Article.Text.AsSpan(from, Math.Max(0, to - from)).ContainsAnyExcept(" \t\r\n.,;:!?\"'\u201C\u201D\u2019)(");
        var time = members.Select(c => c.Time?.Value).OfType<string>().OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal).FirstOrDefault();
        var figure = lead.Figure is { } lf ? FigureText(lead.Article, lf) : figures?.Variants[0].Text;
        return new StoryClaim(text, status, subject.Id, subject.Name, lead.Passive ? lead.Lemma + " (passive)" : lead.Lemma,
            obj?.Id, obj?.Name, time, figure, sources)
        {
            IndependentSources = independent,
            Reason = reason,
            CutBefore = HasWords(lead.Sentence.Start, around.Start),
            CutAfter = HasWords(around.End, lead.Sentence.End),
        };
    }

    private (ClaimStatus, string?) Status(List<ArticleClaim> members, List<ClaimSource> sources, FigureGroup? figures, int independent, bool datesContest)
    {
        if (independent < 2) return (ClaimStatus.SingleSource, null);
        var stated = sources.Where(s => !s.Negated).Select(s => s.Article).ToHashSet(StringComparer.Ordinal);
        var denied = sources.Where(s => s.Negated).Select(s => s.Article).ToHashSet(StringComparer.Ordinal);
        if (stated.Count > 0 && denied.Count > 0 && !stated.SetEquals(denied))
            return (ClaimStatus.Contested, "one source states it, another denies it");
        switch (FigureAgreement(figures, members))
        {
            case Agreement.Conflict: return (ClaimStatus.Contested, "figures exclude each other");
            case Agreement.Compatible: return (ClaimStatus.Compatible, "figures differ but their ranges overlap");
        }
        if (datesContest) return (ClaimStatus.Contested, "dates exclude each other");
        var dates = sources.Select(s => s.Time).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var agree = dates.All(a => dates.All(b => DatesAgree(a, b)));
        if (agree && dates.Select(d => d.Length).Distinct().Count() > 1) return (ClaimStatus.Compatible, "one date is more precise than the other");
        // "X was arrested" beside "the FBI arrested X": one source says who did it, the other does not.
        var byArticle = members.Where(c => stated.Contains(c.Article.Id)).GroupBy(c => c.Article.Id, StringComparer.Ordinal).ToList();
        if (byArticle.Any(g => g.All(c => c.Passive)) && byArticle.Any(g => g.Any(c => !c.Passive)))
            return (ClaimStatus.Compatible, "one source names who did it, another does not");
        return (ClaimStatus.Corroborated, null);
    }

    /// <summary>How the claim's own figures stand to each other: the whole figure group's verdict when it lends its passages, else its members' readings.</summary>
    private Agreement FigureAgreement(FigureGroup? group, List<ArticleClaim> members)
    {
        if (group is not null) return group.Agreement;
        var readings = members.Select(c => c.Figure).OfType<FigureMention>()
            .Select(f => (f.Low, f.High, f.Approximate)).Distinct().ToList();
        if (readings.Count < 2) return Agreement.Agree;
        var intervals = readings.Select(r => _figures.Interval(new FigureVariant(r.Low, r.High, r.Approximate, "", "", [], []))).ToList();
        for (var i = 0; i < intervals.Count; i++)
            for (var j = i + 1; j < intervals.Count; j++)
                if (intervals[i].High < intervals[j].Low || intervals[j].High < intervals[i].Low) return Agreement.Conflict;
        return Agreement.Compatible;
    }

    private static string FigureText(AnnotatedArticle article, FigureMention f)
    {
        var span = f.UnitSpan is { } u && u.End > f.Span.End ? TextSpan.FromBounds(f.Span.Start, u.End) : f.Span;
        return Clauses.OneLine(article.Text, span);
    }

    /// <summary>Per source: what only it states, and what two or more other sources state that it leaves out.</summary>
    private static IReadOnlyList<SourceCoverage> Coverage(IReadOnlyList<AnnotatedArticle> sources, IReadOnlyList<StoryClaim> claims, IReadOnlyDictionary<string, string> origin)
    {
        if (sources.Count < 2) return [];
        var articlesOf = claims.Select(c => c.Sources.Select(s => s.Article).ToHashSet(StringComparer.Ordinal)).ToList();
        var result = new List<SourceCoverage>();
        foreach (var a in sources)
        {
            var only = new List<int>();
            var missing = new List<int>();
            for (var i = 0; i < claims.Count; i++)
            {
                var articles = articlesOf[i];
                if (claims[i].Status == ClaimStatus.SingleSource && articles.All(x => origin.GetValueOrDefault(x, x) == origin[a.Id]) && articles.Contains(a.Id))
                    only.Add(i);
                else if (!articles.Contains(a.Id) && claims[i].IndependentSources >= 2)
                    missing.Add(i);
            }
            result.Add(new SourceCoverage(a.Id, only, missing));
        }
        return result;
    }
}
