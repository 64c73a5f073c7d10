using Dossier.Model;
using Dossier.Reconcile;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Reconcile;

public sealed class BriefWriterTests
{
    private static readonly string[] Texts =
    [
        "A strong earthquake struck the coastal city of Marlow on Tuesday, destroying hundreds of homes. Rescue teams from the capital reached Marlow within hours. The mayor of Marlow asked for tents and clean water. Local schools were closed for the week. A football match was postponed.",
        "Hundreds of homes were destroyed when a strong earthquake hit the coastal city of Marlow on Tuesday. Rescue teams reached Marlow from the capital within hours of the quake. The regional governor toured a damaged hospital. Aftershocks continued through the night.",
        "An earthquake struck Marlow, a coastal city, on Tuesday and destroyed hundreds of homes, officials said. The mayor of Marlow appealed for tents and clean water for the displaced. Engineers began inspecting the harbour walls for cracks.",
    ];

    private static AnnotatedArticle Build(int i) => new ArticleBuilder($"{i}", Texts[i]).Entities("Marlow", EntityType.LOC).Build();

    [Fact]
    public void The_brief_cites_every_source_that_says_the_same_and_leads_with_what_they_share()
    {
        var articles = Enumerable.Range(0, 3).Select(Build).ToList();
        var (brief, _) = new BriefWriter().Write(articles, new EntityResolver().Resolve(articles));

        Assert.InRange(brief.Count, 3, 12);
        Assert.Equal(["0", "1", "2"], brief[0].Articles);
        Assert.Contains("earthquake", brief[0].Text);
        Assert.All(brief, b => Assert.Equal(b.Articles.Count, b.Citations.Select(c => c.Article).Distinct().Count()));
        Assert.True(brief.Count(b => b.Articles.Count >= 2) >= 2);
    }

    [Fact]
    public void Citations_point_at_sentences_that_exist_in_the_cited_article()
    {
        var articles = Enumerable.Range(0, 3).Select(Build).ToList();
        var (brief, _) = new BriefWriter().Write(articles, new EntityResolver().Resolve(articles));
        foreach (var c in brief.SelectMany(b => b.Citations))
        {
            var article = articles.Single(a => a.Id == c.Article);
            Assert.Contains(article.Sentences, s => s.Span == c.Span);
        }
    }

    [Fact]
    public void What_only_one_source_reports_is_cited_to_it_alone_and_listed_once()
    {
        var articles = Enumerable.Range(0, 3).Select(Build).ToList();
        var (brief, only) = new BriefWriter().Write(articles, new EntityResolver().Resolve(articles));
        var exclusive = only.SelectMany(o => o.Items).ToList();
        var harbour = Assert.Single(brief.Concat(exclusive), i => i.Text.Contains("harbour", StringComparison.Ordinal));
        Assert.Equal(["2"], harbour.Articles);
        Assert.DoesNotContain(exclusive, i => brief.Any(b => b.Text == i.Text));
        Assert.All(only, o => Assert.All(o.Items, i => Assert.Equal([o.Article], i.Articles)));
    }

    [Fact]
    public void Sentences_that_lean_on_their_neighbours_are_not_picked()
    {
        var articles = Enumerable.Range(0, 3).Select(Build).ToList();
        var (brief, _) = new BriefWriter().Write(articles, new EntityResolver().Resolve(articles));
        Assert.DoesNotContain(brief, b => b.Text.StartsWith("This ", StringComparison.Ordinal) || b.Text.StartsWith("He ", StringComparison.Ordinal));
    }
}

public sealed class BriefAnaphoraTests
{
    [Fact]
    public void A_sentence_that_points_back_with_a_demonstrative_ranks_below_its_plain_twin()
    {
        // Two sentences alike in every word that counts; one leans on an earlier sentence ("this decision").
        var a = new ArticleBuilder("a", "Opening words of the report come first here today. The council in Ardale approved this decision on new harbour cranes for the port. The council in Ardale approved the plan on new harbour cranes for the port.").Build();
        var b = new ArticleBuilder("b", "Ardale council approved new harbour cranes.").Build(); // too short for the brief, but it supports
        var brief = new BriefWriter().Write([a, b], new EntityResolver().Resolve([a, b])).Brief.ToList();
        var plain = brief.FindIndex(x => x.Text.Contains("the plan", StringComparison.Ordinal));
        var pointing = brief.FindIndex(x => x.Text.Contains("this decision", StringComparison.Ordinal));
        Assert.True(plain >= 0, string.Join(" / ", brief.Select(x => x.Text)));
        Assert.True(pointing < 0 || pointing > plain, $"plain at {plain}, pointing back at {pointing}");
    }
}

public sealed class BriefRoleTests
{
    private static AnnotatedArticle Article(string id, string text, string first, string second)
        => new ArticleBuilder(id, text).Entities(first, EntityType.LOC).Entities(second, EntityType.LOC).Build();

    [Fact]
    public void Sentences_with_the_same_words_but_swapped_roles_do_not_support_each_other()
    {
        var a = Article("a", "Veldara accused Ostrava of breaking the border treaty with new missile sales last spring.", "Veldara", "Ostrava");
        var b = Article("b", "Ostrava accused Veldara of breaking the border treaty with new missile sales last spring.", "Ostrava", "Veldara");
        var c = Article("c", "Veldara accused Ostrava of breaking the border treaty through new missile sales.", "Veldara", "Ostrava");
        var brief = new BriefWriter().Write([a, b, c], new EntityResolver().Resolve([a, b, c])).Brief;
        var fromA = Assert.Single(brief, x => x.Citations[0].Article == "a");
        Assert.Equal(["a", "c"], fromA.Articles);
    }
}
