using Dossier.Model;
using Dossier.Reconcile;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Reconcile;

public sealed class FigureReconcilerTests
{
    private static IReadOnlyList<FigureGroup> Reconcile(params AnnotatedArticle[] articles)
        => new FigureReconciler().Reconcile(articles, new EntityResolver().Resolve(articles));

    [Fact]
    public void An_open_lower_bound_and_an_approximate_value_inside_it_are_compatible()
    {
        var a = new ArticleBuilder("a", "Officials said the army deployed more than 5,000 troops to the border.")
            .Figure("more than 5,000 troops", 5000, null, false, "troops", "military personnel", "deploy").Build();
        var b = new ArticleBuilder("b", "The army has deployed about 6,000 soldiers to the border region.")
            .Figure("about 6,000 soldiers", 6000, 6000, true, "soldiers", "military personnel", "deploy").Build();

        var group = Assert.Single(Reconcile(a, b));
        Assert.Equal(Agreement.Compatible, group.Agreement);
        Assert.Equal(2, group.Variants.Count);
        var open = Assert.Single(group.Variants, v => v.High is null);
        Assert.Equal(5000, open.Low);
        Assert.Equal(["a"], open.Articles);
    }

    [Fact]
    public void Equal_readings_from_two_sources_agree_and_merge_into_one_variant()
    {
        var a = new ArticleBuilder("a", "The quake killed 40 people in the valley.")
            .Figure("40 people", 40, 40, false, "people", "people", "kill").Build();
        var b = new ArticleBuilder("b", "Rescuers said the quake killed 40 people overnight.")
            .Figure("40 people", 40, 40, false, "people", "people", "kill").Build();
        var group = Assert.Single(Reconcile(a, b));
        Assert.Equal(Agreement.Agree, group.Agreement);
        Assert.Equal(["a", "b"], Assert.Single(group.Variants).Articles);
    }

    [Fact]
    public void Exact_values_that_differ_conflict()
    {
        var a = new ArticleBuilder("a", "The quake killed 40 people in the valley.")
            .Figure("40 people", 40, 40, false, "people", "people", "kill").Build();
        var b = new ArticleBuilder("b", "The quake killed 65 people in the valley.")
            .Figure("65 people", 65, 65, false, "people", "people", "kill").Build();
        Assert.Equal(Agreement.Conflict, Assert.Single(Reconcile(a, b)).Agreement);
    }

    [Fact]
    public void A_shared_subject_entity_joins_figures_told_with_different_verbs_and_names_the_group()
    {
        AnnotatedArticle A(bool subject)
        {
            var b = new ArticleBuilder("a", "Acme Corp will eliminate 500 jobs at its Ohio plant, the union said.")
                .Entity("Acme Corp", EntityType.ORG).Entity("Ohio", EntityType.LOC)
                .Figure("500 jobs", 500, 500, false, "jobs", "job", "eliminate");
            return (subject ? b.Subject("Acme Corp") : b).Build();
        }
        AnnotatedArticle B(bool subject)
        {
            var b = new ArticleBuilder("b", "Acme Corp is cutting about 450 jobs in Ohio, analysts estimate.")
                .Entity("Acme Corp", EntityType.ORG).Entity("Ohio", EntityType.LOC)
                .Figure("about 450 jobs", 450, 450, true, "jobs", "job", "cut");
            return (subject ? b.Subject("Acme Corp") : b).Build();
        }

        var group = Assert.Single(Reconcile(A(true), B(true)));
        Assert.Equal("Acme Corp: jobs (cut)", group.About);
        // Without the subject the two share too little to be taken for one fact.
        Assert.Equal(2, Reconcile(A(false), B(false)).Count);
    }

    [Fact]
    public void Figures_about_different_things_are_not_grouped()
    {
        var a = new ArticleBuilder("a", "The quake killed 40 people in the valley.")
            .Figure("40 people", 40, 40, false, "people", "people", "kill").Build();
        var b = new ArticleBuilder("b", "The company spent 3 million dollars on new offices in Berlin.")
            .Figure("3 million dollars", 3e6, 3e6, false, "dollars", "USD", "spend").Build();
        var groups = Reconcile(a, b);
        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.Equal(Agreement.Single, g.Agreement));
    }
}

public sealed class FigureYearTests
{
    [Fact]
    public void Figures_dated_to_different_years_are_about_different_things()
    {
        var a = new ArticleBuilder("a", "The quake killed 40 people in the valley on Sunday.")
            .Figure("40 people", 40, 40, false, "people", "people", "kill").Time("on Sunday", "2005-11-27").Build();
        var b = new ArticleBuilder("b", "A quake in 2003 killed 26,000 people in the valley.")
            .Figure("26,000 people", 26000, 26000, false, "people", "people", "kill").Time("in 2003", "2003").Build();
        var groups = new FigureReconciler().Reconcile([a, b], new EntityResolver().Resolve([a, b]));
        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.Equal(Agreement.Single, g.Agreement));
    }
}
