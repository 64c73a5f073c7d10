using Dossier.Model;
using Dossier.Reconcile;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Reconcile;

public sealed class TimelineAndDatingTests
{
    [Fact]
    public void An_undated_article_borrows_the_story_date_and_its_times_are_reanchored()
    {
        var dated = new ArticleBuilder("a", "The summit opened on Monday.").Published(new DateOnly(2023, 5, 8)).Build();
        var undated = new ArticleBuilder("b", "Delegates left a day later.").RelativeTime("a day later", 1).Build();

        var filled = new StoryDating().Fill([dated, undated]);

        var b = filled[1];
        Assert.Equal(new DateOnly(2023, 5, 8), b.Article.Published!.Date);
        Assert.Equal(DateSource.Story, b.Article.Published.Source);
        Assert.Equal("2023-05-09", Assert.Single(b.Times).Value);
        Assert.Same(dated, filled[0]);
    }

    [Fact]
    public void Timeline_has_one_entry_per_date_in_order_with_every_article_behind_it()
    {
        var a = new ArticleBuilder("a", "The treaty was signed in March by both leaders. The talks resumed on 4 May.")
            .Time("in March", "2022-03").Time("on 4 May", "2022-05-04").Build();
        var b = new ArticleBuilder("b", "Both leaders signed the treaty in March after long talks. This year matters.")
            .Time("in March", "2022-03").Time("This year", "2022").Build();

        var timeline = new TimelineBuilder().Build([a, b], storyYear: 2022);

        Assert.Equal(["2022-03", "2022-05-04"], timeline.Select(t => t.Date));
        Assert.Equal(["a", "b"], timeline[0].Articles);
        Assert.Equal(["a"], timeline[1].Articles);
        Assert.Contains("treaty", timeline[0].Text);
    }

    [Fact]
    public void A_long_sentence_is_cut_to_the_clause_around_the_date()
    {
        var text = "The government, which had long resisted outside pressure from several neighbouring states and donors, finally agreed in April to open the border crossings, according to officials who spoke on condition of anonymity.";
        var a = new ArticleBuilder("a", text).Time("in April", "2021-04").Build();
        var entry = Assert.Single(new TimelineBuilder().Build([a], 2021));
        Assert.Contains("in April", entry.Text);
        Assert.True(entry.Text.Length < text.Length);
    }
}
