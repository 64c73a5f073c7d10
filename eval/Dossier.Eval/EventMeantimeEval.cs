using System.Diagnostics;
using System.Globalization;
using Dossier.Group;
using Dossier.Model;
using Dossier.Reconcile;

namespace Dossier.Eval;

/// <summary>
/// The shipped event pair model (trained on ECB+ topics 1-35) on data it never saw: MEANTIME English cross-document
/// event coreference (four Wikinews corpora, 120 articles, every EVENT_MENTION, chains by the cross-document EVENT
/// instance). Nothing is chosen here: the model, its threshold and guard are the shipped ones. Rows: the same-lemma
/// baseline within each corpus, Dossier's stories with the same lemma, and the model within Dossier's stories and
/// within each corpus taken as one story.
/// </summary>
public static class EventMeantimeEval
{
    public static int Run(string shared, string[] args)
    {
        if (args.Length > 0) throw new EvalUsageException($"unknown option {args[0]}; events-meantime takes no options");
        var total = Stopwatch.StartNew();
        var c0 = CultureInfo.InvariantCulture;
        var corpus = EventCorefReader.ReadMeantime(Path.Combine(shared, "data", "meantime", "intra_cross-doc_annotation"));
        var mentions = corpus.Mentions.ToList();
        var gold = corpus.GoldChains();
        Console.WriteLine(string.Create(c0, $"MEANTIME English: {corpus.Documents.Count} documents, {corpus.Documents.Select(d => d.Topic).Distinct().Count()} corpora, {mentions.Count} event mentions, {gold.Count(c => c.Count > 1)} gold chains of 2+ ({gold.Count(c => c.Count > 1 && c.Select(m => m.Document).Distinct().Count() > 1)} across documents), {gold.Count(c => c.Count == 1)} singletons"));

        // Each document as text: tokens joined by spaces, sentences by line breaks (the title is the first line).
        var annotator = Annotate.ArticleAnnotator.CreateDefault(FixedClock.AtDay(new DateOnly(2026, 11, 22)));
        var annotated = corpus.Documents.Select(d => annotator.Annotate(new Article(d.Name, "meantime", Text(d), d.Name))).ToList();
        var stories = new StoryClusterer(new StoryClusterOptions()).Cluster(annotated);
        var byTopic = Enumerable.Range(0, corpus.Documents.Count).GroupBy(i => corpus.Documents[i].Topic)
            .Select(g => (IReadOnlyList<int>)g.ToList()).ToList();
        var model = EventPairModel.LoadDefault();
        Console.WriteLine(string.Create(c0, $"Dossier stories: {stories.Count} over {annotated.Count} articles ({stories.Count(s => s.Count == 1)} of one article, largest {stories.Max(s => s.Count)}); shipped model: threshold {model.Threshold:F2}, guard {model.Guard:F1}, {model.Linkage} linkage"));

        var storyOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < stories.Count; s++)
            foreach (var i in stories[s]) storyOf[corpus.Documents[i].Name] = s;
        var inStories = Keys(model, corpus, annotated, stories, mentions);
        var inTopics = Keys(model, corpus, annotated, byTopic, mentions);
        var methods = new (string Name, Func<EventMention, string> Key)[]
        {
            ("singletons", m => m.Key),
            ("same lemma in corpus (baseline)", m => m.Topic.ToString(c0) + "|" + EventCorefEval.Lemma(m)),
            ("Dossier stories + same lemma", m => "s" + storyOf[m.Document].ToString(c0) + "|" + EventCorefEval.Lemma(m)),
            ("EventPairModel (shipped) in Dossier stories", m => inStories[m.Key]),
            ("EventPairModel (shipped), each corpus one story", m => inTopics[m.Key]),
        };
        Console.WriteLine("method                                              clusters    MUC F1   B3 P    B3 R    B3 F1  CEAF-e F1  CoNLL F1");
        var conll = new List<double>();
        foreach (var (name, key) in methods)
        {
            var response = mentions.GroupBy(key, StringComparer.Ordinal).Select(g => (IReadOnlyList<EventMention>)g.ToList()).ToList();
            var counts = EventCorefEval.Score(gold, response);
            conll.Add(counts.Conll);
            Console.WriteLine(string.Create(c0, $"{name,-50} {response.Count,9} {counts.Muc.F1,9:F3} {counts.BCubed.Precision,7:F3} {counts.BCubed.Recall,7:F3} {counts.BCubed.F1,7:F3} {counts.CeafE.F1,10:F3} {counts.Conll,9:F3}"));
        }
        Console.WriteLine(string.Create(c0, $"shipped model in Dossier stories over the same-lemma baseline: {100 * (conll[3] - conll[1]):+0.0;-0.0} CoNLL F1 points; each corpus one story: {100 * (conll[4] - conll[1]):+0.0;-0.0}; total {total.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    private static string Text(EventDocument d)
    {
        var text = new System.Text.StringBuilder();
        var sentence = -1;
        foreach (var (_, (s, token)) in d.Tokens.OrderBy(t => t.Key))
        {
            if (text.Length > 0) text.Append(s != sentence ? '\n' : ' ');
            sentence = s;
            text.Append(token);
        }
        return text.ToString();
    }

    private static Dictionary<string, string> Keys(EventPairModel model, EventCorpus corpus, IReadOnlyList<AnnotatedArticle> annotated,
        IReadOnlyList<IReadOnlyList<int>> groups, List<EventMention> mentions)
    {
        var contexts = EventCorefEval.PairContexts(corpus, annotated, groups);
        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
            foreach (var i in groups[g]) groupOf[corpus.Documents[i].Name] = g;
        var grouped = mentions.GroupBy(m => groupOf[m.Document]).Select(g => g.ToList()).ToList();
        return EventCorefEval.Assign(model, grouped, contexts, _ => true);
    }
}
