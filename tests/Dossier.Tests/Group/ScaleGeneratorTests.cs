using Dossier.Annotate;
using Dossier.Eval.Scale;
using Dossier.Model;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Group;

public sealed class ScaleGeneratorTests
{
    private static readonly ArticleAnnotator Annotator = ArticleAnnotator.CreateDefault(FixedClock.AtDay(new DateOnly(2026, 11, 22)));

    private static AnnotatedArticle Annotated(string id, string text) =>
        Annotator.Annotate(new Article(id, "test", text, Dossier.Extract.PlainTextExtractor.HashOf(text)));

    [Fact]
    public void Recombined_sentences_keep_their_layers_on_the_renamed_words()
    {
        var first = Annotated("a", "Maria Lopez was elected mayor of Valencia on Sunday. Turnout was low. She promised new buses.");
        var second = Annotated("b", "Rescuers in Valencia searched the rubble on Monday. Officials said 12 people died.");
        Assert.True(first.Sentences.Count >= 2 && second.Sentences.Count >= 2);
        var picks = new[] { new SentencePick(first, 0), new SentencePick(second, 1), new SentencePick(second, 0) };

        var article = SentenceRecombiner.Compose(new Article("new", "generated", "", ""), picks, w => w == "Valencia" ? "Zarovia" : null);

        Assert.DoesNotContain("Valencia", article.Text);
        Assert.Contains("Zarovia", article.Text);
        Assert.Equal(picks.Sum(p => p.Source.Sentences[p.Sentence].TokenCount), article.Tokens.Count);
        Assert.Equal(Dossier.Extract.PlainTextExtractor.HashOf(article.Text), article.Article.ContentHash);
        AssertLayersInside(article);
        // Every copied entity reads as its source did, with the renamed word in place.
        var expected = picks.SelectMany(p => p.Source.Entities
                .Where(e => p.Source.Sentences[p.Sentence].Span.Contains(e.Span))
                .Select(e => (p.Source.Of(e.Span).Replace("Valencia", "Zarovia", StringComparison.Ordinal), e.Type)))
            .ToList();
        Assert.Equal(expected, article.Entities.Select(e => (article.Of(e.Span), e.Type)).ToList());
        // Tokens are copied word for word, in order.
        var words = picks.SelectMany(p => Enumerable.Range(p.Source.Sentences[p.Sentence].FirstToken, p.Source.Sentences[p.Sentence].TokenCount)
            .Select(t => p.Source.Of(p.Source.Tokens[t].Span).Replace("Valencia", "Zarovia", StringComparison.Ordinal))).ToList();
        Assert.Equal(words, article.Tokens.Select(t => article.Of(t.Span)).ToList());
    }

    [Fact]
    public void The_generated_stream_is_the_same_for_a_seed_and_in_order_of_arrival()
    {
        var templates = ScaleCorpus.LoadTemplates(Shared.Root, Annotator.Annotate, maxFiles: 40);
        Assert.True(templates.Count >= 2);
        var options = new ScaleCorpusOptions { ArticlesPerDay = 100 };
        var one = new ScaleCorpus(templates, options);
        var two = new ScaleCorpus(templates, options);
        var plan = one.Plan(600);
        Assert.Equal(plan, two.Plan(600));
        Assert.Equal(600, plan.Length);

        var position = new Dictionary<(int, int), int>();
        for (var i = 0; i < plan.Length; i++)
        {
            if (i > 0) Assert.True(plan[i - 1].Day <= plan[i].Day);
            position[(plan[i].Story, plan[i].Index)] = i;
        }
        var copies = 0;
        var storiesPerTemplate = one.Stories.GroupBy(s => s.Template).Max(g => g.Count());
        for (var i = 0; i < plan.Length; i++)
        {
            var a = one.Generate(plan[i]);
            var b = two.Generate(plan[i]);
            Assert.Equal(a.Annotated.Article, b.Annotated.Article);
            Assert.Equal(a.Annotated.Entities, b.Annotated.Entities);
            Assert.Equal(a.Annotated.Tokens, b.Annotated.Tokens);
            Assert.Equal(plan[i].Story, a.Story);
            AssertLayersInside(a.Annotated);
            if (plan[i].CopyOf < 0) continue;
            copies++;
            Assert.True(position[(plan[i].Story, plan[i].CopyOf)] < i, "a copy arrives after its original");
            var original = one.Generate(plan[position[(plan[i].Story, plan[i].CopyOf)]]);
            if (plan[i].Exact == 1) Assert.Equal(original.Annotated.Text, a.Annotated.Text);
        }
        Assert.InRange(copies, 10, 120);
        Assert.True(storiesPerTemplate > 1, "some template serves several stories");
    }

    private static void AssertLayersInside(AnnotatedArticle article)
    {
        var length = article.Text.Length;
        Assert.All(article.Sentences, s => Assert.True(s.Span.Start >= 0 && s.Span.End <= length));
        Assert.All(article.Tokens, t => Assert.True(t.Start >= 0 && t.Length > 0 && t.End <= length));
        Assert.All(article.Entities, e => Assert.True(e.Span.Start >= 0 && e.Span.Length > 0 && e.Span.End <= length));
        Assert.All(article.Times, t => Assert.True(t.Span.Start >= 0 && t.Span.Length > 0 && t.Span.End <= length));
        Assert.All(article.Figures, f => Assert.True(f.Span.Start >= 0 && f.Span.Length > 0 && f.Span.End <= length));
        foreach (var s in article.Sentences)
            for (var t = s.FirstToken; t < s.EndToken; t++) Assert.True(s.Span.Contains(article.Tokens[t].Span));
    }
}
