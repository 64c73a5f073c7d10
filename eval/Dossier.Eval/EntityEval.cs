using System.Globalization;
using System.Xml.Linq;
using Dossier.Annotate;
using Dossier.Model;
using Dossier.Reconcile;

namespace Dossier.Eval;

/// <summary>One gold entity mention of MEANTIME with the cross-document instance it refers to.</summary>
public sealed record GoldEntityMention(string Document, TextSpan Span, EntityType Type, string Instance, bool Named);

/// <summary>One MEANTIME article rebuilt as text (tokens joined by spaces, sentences by newlines) with its gold mentions.</summary>
public sealed record MeantimeArticle(string Name, string Text, IReadOnlyList<Sentence> Sentences, IReadOnlyList<Token> Tokens, IReadOnlyList<GoldEntityMention> Mentions);

/// <summary>The three systems' scores on one set of gold mentions.</summary>
public sealed record EntityCorefResult(int Mentions, int Entities, CorefCounts Baseline, CorefCounts Ours, CorefCounts? Tagger);

/// <summary>
/// Cross-document entity coreference on MEANTIME English (intra_cross-doc_annotation): each topic's articles are one
/// story, and gold mentions are grouped by the cross-document instance they refer to. The resolver is handed the gold
/// mention spans and types as the articles' entity layer, so identity is scored, not the tagger; a same-head-word
/// baseline (last word of the mention, case-insensitive) is scored beside it. Two mention sets: every mention of an
/// instance (pronouns and descriptions too) and the named ones (a capitalised word not opening the sentence, or an
/// opening word that is not a pronoun or determiner). With --tagger, a third row resolves our tagger's mentions and
/// gives each gold mention the entity of the tagged mention overlapping it most (gold mentions no tagged one overlaps
/// count as missed; tagged mentions no gold one overlaps are not scored).
/// Options: --tagger, --errors (wrong merges and splits on named mentions).
/// </summary>
public static class EntityEval
{
    private static readonly HashSet<string> ClosedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "they", "them", "their", "he", "him", "his",
        "she", "her", "we", "us", "our", "i", "my", "you", "your", "who", "which", "itself", "themselves", "some", "many",
        "all", "both", "each", "one", "another", "other", "such", "most", "several", "any",
    };

    public static int Run(string shared, string[] args)
    {
        var unknown = args.FirstOrDefault(a => a is not ("--tagger" or "--errors"));
        if (unknown is not null)
        {
            Console.Error.WriteLine($"eval/run entities takes --tagger and --errors (got {unknown})");
            return 2;
        }
        var (all, named) = Score(shared, args.Contains("--tagger"), args.Contains("--errors") ? Console.Out : null);
        Console.WriteLine("MEANTIME English cross-document entity coreference, each topic's articles one story, gold mentions");
        Print("named mentions", named);
        Print("all mentions", all);
        return 0;
    }

    private static void Print(string title, EntityCorefResult r)
    {
        Console.WriteLine($"{title}: {r.Mentions} mentions of {r.Entities} entities");
        Console.WriteLine("system                 B3 P    B3 R   B3 F1    MUC F1  CEAFe F1  CoNLL F1");
        Row("same head word", r.Baseline);
        Row("ours (gold mentions)", r.Ours);
        if (r.Tagger is not null) Row("ours (our tagger)", r.Tagger);
    }

    private static void Row(string name, CorefCounts c) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-20} {100 * c.BCubed.Precision,7:F2} {100 * c.BCubed.Recall,7:F2} {100 * c.BCubed.F1,7:F2} {100 * c.Muc.F1,9:F2} {100 * c.CeafE.F1,9:F2} {100 * c.Conll,9:F2}"));

    /// <summary>Scores on every gold mention and on the named ones, summed over the four topics.</summary>
    public static (EntityCorefResult All, EntityCorefResult Named) Score(string shared, bool tagger, TextWriter? errors = null)
    {
        var folder = Path.Combine(shared, "data", "meantime", "intra_cross-doc_annotation");
        var recognizer = tagger ? EntityRecognizer.Trained() : null;
        var resolver = new EntityResolver();
        var sums = new Dictionary<(bool Named, string System), CorefCounts>();
        int allMentions = 0, allEntities = 0, namedMentions = 0, namedEntities = 0;
        foreach (var topic in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var articles = Directory.GetFiles(topic, "*.xml").Order(StringComparer.Ordinal).Select(Load).ToList();
            var gold = articles.SelectMany(a => a.Mentions).ToList();
            var ours = Assign(resolver.Resolve(articles.Select(a => Annotated(a, a.Mentions.Select(m => new EntityMention(m.Span, m.Type)).ToList())).ToList()), gold);
            Dictionary<GoldEntityMention, string>? tagged = null;
            if (recognizer is not null)
            {
                var annotated = articles.Select(a => Annotated(a, recognizer.Recognize(a.Text, a.Sentences, a.Tokens))).ToList();
                tagged = AssignByOverlap(resolver.Resolve(annotated), gold);
            }
            foreach (var onlyNamed in new[] { false, true })
            {
                var scored = gold.Where(m => !onlyNamed || m.Named).ToList();
                var key = Partition(scored, m => m.Instance);
                if (onlyNamed) { namedMentions += scored.Count; namedEntities += key.Count; }
                else { allMentions += scored.Count; allEntities += key.Count; }
                Add(sums, (onlyNamed, "baseline"), CorefMetrics.Score(key, Partition(scored, m => HeadWord(articles, m))));
                Add(sums, (onlyNamed, "ours"), CorefMetrics.Score(key, Partition(scored.Where(ours.ContainsKey).ToList(), m => ours[m])));
                if (tagged is not null)
                    Add(sums, (onlyNamed, "tagger"), CorefMetrics.Score(key, Partition(scored.Where(tagged.ContainsKey).ToList(), m => tagged[m])));
                if (onlyNamed && errors is not null) WriteErrors(errors, Path.GetFileName(topic), articles, scored, ours);
            }
        }
        EntityCorefResult Result(bool onlyNamed, int mentions, int entities) => new(mentions, entities,
            sums[(onlyNamed, "baseline")], sums[(onlyNamed, "ours")], sums.GetValueOrDefault((onlyNamed, "tagger")));
        return (Result(false, allMentions, allEntities), Result(true, namedMentions, namedEntities));
    }

    private static void Add(Dictionary<(bool, string), CorefCounts> sums, (bool, string) key, CorefCounts counts)
        => sums[key] = sums.GetValueOrDefault(key, CorefCounts.Zero) + counts;

    private static List<IReadOnlyList<GoldEntityMention>> Partition(List<GoldEntityMention> mentions, Func<GoldEntityMention, string> cluster)
        => mentions.GroupBy(cluster, StringComparer.Ordinal).Select(g => (IReadOnlyList<GoldEntityMention>)g.ToList()).ToList();

    private static AnnotatedArticle Annotated(MeantimeArticle a, IReadOnlyList<EntityMention> entities)
        => new(new Article(a.Name, "meantime", a.Text, a.Name), a.Sentences, a.Tokens, entities, [], [], []);

    /// <summary>Each gold mention's resolved entity, by its exact span.</summary>
    private static Dictionary<GoldEntityMention, string> Assign(ResolvedEntities resolved, List<GoldEntityMention> gold)
    {
        var bySpan = new Dictionary<(string, TextSpan), string>();
        foreach (var e in resolved.Entities)
            foreach (var c in e.Mentions) bySpan.TryAdd((c.Article, c.Span), e.Id);
        var assigned = new Dictionary<GoldEntityMention, string>();
        foreach (var m in gold)
            if (bySpan.TryGetValue((m.Document, m.Span), out var id)) assigned[m] = id;
        return assigned;
    }

    /// <summary>Each gold mention's entity through the tagged mention overlapping it most.</summary>
    private static Dictionary<GoldEntityMention, string> AssignByOverlap(ResolvedEntities resolved, List<GoldEntityMention> gold)
    {
        var byArticle = resolved.Entities.SelectMany(e => e.Mentions.Select(c => (c, e.Id))).ToLookup(x => x.c.Article);
        var assigned = new Dictionary<GoldEntityMention, string>();
        foreach (var m in gold)
        {
            var best = byArticle[m.Document].Where(x => x.c.Span.Overlaps(m.Span))
                .OrderByDescending(x => Math.Min(x.c.Span.End, m.Span.End) - Math.Max(x.c.Span.Start, m.Span.Start)).FirstOrDefault();
            if (best.Id is not null) assigned[m] = best.Id;
        }
        return assigned;
    }

    /// <summary>The mention's last word, lower-cased; trailing punctuation and a possessive are not its head.</summary>
    public static string HeadWord(string text, TextSpan span)
    {
        var words = span.Of(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Any(char.IsLetterOrDigit) && !w.Equals("'s", StringComparison.OrdinalIgnoreCase)).ToList();
        return words.Count == 0 ? span.Of(text).ToLowerInvariant() : words[^1].ToLowerInvariant();
    }

    private static string HeadWord(List<MeantimeArticle> articles, GoldEntityMention m)
        => HeadWord(articles.First(a => a.Name == m.Document).Text, m.Span);

    /// <summary>Reads one intra_cross-doc_annotation file: its tokens and the mentions that refer to a cross-document instance.</summary>
    public static MeantimeArticle Load(string path)
    {
        var doc = XDocument.Load(path);
        var root = doc.Root ?? throw new InvalidDataException(path);
        var name = Path.GetFileNameWithoutExtension(path);
        var text = new System.Text.StringBuilder();
        var tokens = new List<Token>();
        var sentences = new List<Sentence>();
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        string? sentence = null;
        var sentenceStart = 0;
        var firstOfSentence = new HashSet<int>();
        foreach (var t in root.Elements("token"))
        {
            var s = (string?)t.Attribute("sentence") ?? "";
            if (s != sentence)
            {
                if (sentence is not null)
                {
                    sentences.Add(new Sentence(new TextSpan(tokens[sentenceStart].Start, tokens[^1].End - tokens[sentenceStart].Start), sentenceStart, tokens.Count - sentenceStart));
                    text.Append('\n');
                }
                sentence = s;
                sentenceStart = tokens.Count;
                firstOfSentence.Add(tokens.Count);
            }
            else text.Append(' ');
            byId[(string)t.Attribute("t_id")!] = tokens.Count;
            tokens.Add(new Token(text.Length, t.Value.Length));
            text.Append(t.Value);
        }
        if (tokens.Count > sentenceStart)
            sentences.Add(new Sentence(new TextSpan(tokens[sentenceStart].Start, tokens[^1].End - tokens[sentenceStart].Start), sentenceStart, tokens.Count - sentenceStart));
        var body = text.ToString();

        var markables = root.Element("Markables");
        var mentionTokens = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var m in markables?.Elements("ENTITY_MENTION") ?? [])
            mentionTokens.TryAdd((string)m.Attribute("m_id")!, m.Elements("token_anchor").Select(a => byId[(string)a.Attribute("t_id")!]).Order().ToList());
        var instances = new Dictionary<string, (string Instance, EntityType Type)>(StringComparer.Ordinal);
        foreach (var e in markables?.Elements("ENTITY") ?? [])
            if ((string?)e.Attribute("instance_id") is { Length: > 0 } instance)
                instances[(string)e.Attribute("m_id")!] = (instance, ((string?)e.Attribute("ent_type")) switch
                {
                    "PER" => EntityType.PER, "ORG" => EntityType.ORG, "LOC" => EntityType.LOC, _ => EntityType.MISC,
                });

        var mentions = new List<GoldEntityMention>();
        var seen = new HashSet<TextSpan>();
        foreach (var r in root.Element("Relations")?.Elements("REFERS_TO") ?? [])
        {
            var target = (string?)r.Element("target")?.Attribute("m_id");
            if (target is null || !instances.TryGetValue(target, out var instance)) continue;
            foreach (var source in r.Elements("source"))
            {
                if (!mentionTokens.TryGetValue((string)source.Attribute("m_id")!, out var anchored) || anchored.Count == 0) continue;
                var span = new TextSpan(tokens[anchored[0]].Start, tokens[anchored[^1]].End - tokens[anchored[0]].Start);
                if (!seen.Add(span)) continue; // one span, one mention
                var named = anchored.Any(i => IsCapitalised(body, tokens[i]) && (!firstOfSentence.Contains(i) || !ClosedWords.Contains(tokens[i].Span.Of(body))));
                mentions.Add(new GoldEntityMention(name, span, instance.Type, instance.Instance, named));
            }
        }
        mentions.Sort((x, y) => x.Span.Start.CompareTo(y.Span.Start));
        return new MeantimeArticle(name, body, sentences, tokens, mentions);
    }

    private static bool IsCapitalised(string text, Token token) => char.IsUpper(text[token.Start]);

    private static void WriteErrors(TextWriter errors, string topic, List<MeantimeArticle> articles, List<GoldEntityMention> scored, Dictionary<GoldEntityMention, string> ours)
    {
        string Form(GoldEntityMention m) => articles.First(a => a.Name == m.Document).Text.Substring(m.Span.Start, m.Span.Length);
        string Forms(IEnumerable<GoldEntityMention> ms) => string.Join(" | ", ms.Select(Form).Distinct(StringComparer.Ordinal).Take(6));
        foreach (var entity in scored.Where(ours.ContainsKey).GroupBy(m => ours[m], StringComparer.Ordinal))
        {
            var instances = entity.GroupBy(m => m.Instance).ToList();
            if (instances.Count > 1)
                errors.WriteLine($"MERGE {topic} {entity.Key}: " + string.Join("  //  ", instances.Select(g => $"[{g.Key[..3]}] {Forms(g)}")));
        }
        foreach (var instance in scored.GroupBy(m => m.Instance, StringComparer.Ordinal))
        {
            var parts = instance.GroupBy(m => ours.GetValueOrDefault(m, "?"), StringComparer.Ordinal).ToList();
            if (parts.Count > 1)
                errors.WriteLine($"SPLIT {topic} {instance.Key[..3]}: " + string.Join("  //  ", parts.Select(g => Forms(g))));
        }
    }
}
