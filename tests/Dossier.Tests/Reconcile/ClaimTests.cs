using Dossier.Annotate;
using Dossier.Model;
using Dossier.Reconcile;
using Dossier.Render;
using Xunit;

namespace Dossier.Tests.Reconcile;

/// <summary>
/// Claims read and aligned across a story's articles, through the real annotator, on articles written for these tests:
/// a flood in a made-up town told by four outlets with their own wording, figures and omissions.
/// </summary>
public sealed class ClaimTests
{
    private static readonly ArticleAnnotator Annotator = ArticleAnnotator.CreateDefault(FixedClock.AtDay(new DateOnly(2026, 3, 6)));

    private static AnnotatedArticle Annotate(string id, string text, DateOnly? published = null)
        => Annotator.Annotate(new Article(id, id + ".txt", text, id)
        {
            Published = published is { } d ? new PublishedDate(d, DatePrecision.Day, DateSource.Metadata) : null,
        });

    private static StoryReport Reconcile(params AnnotatedArticle[] articles)
        => new StoryReconciler().Reconcile(new Story("s", articles)).Report;

    private static string Describe(StoryReport report)
        => string.Join("\n", report.Claims.Select(c => $"{c.Status} {c.IndependentSources} {c.SubjectName}/{c.Predicate}/{c.ObjectName} {c.Time} {c.Figure} [{string.Join(",", c.Sources.Select(s => s.Article))}] {c.Text}"));

    private static StoryClaim Claim(StoryReport report, string subject, string predicate, string? obj = null)
    {
        var found = report.Claims.Where(c => c.SubjectName.Contains(subject, StringComparison.Ordinal) && c.Predicate == predicate
            && (obj is null || (c.ObjectName ?? "").Contains(obj, StringComparison.Ordinal))).ToList();
        Assert.True(found.Count == 1, $"not one claim {subject}/{predicate}/{obj}:\n{Describe(report)}");
        return found[0];
    }

    private const string Wire =
        "Chile has sent 300 soldiers to the flooded town of Arauco, officials said on Tuesday.\n\n"
        + "Interior Minister Rosa Quintero met with Mayor Tomas Ebert in Arauco on March 3, 2026.\n\n"
        + "The river killed 12 people and destroyed two bridges, according to the fire service.";

    private const string Rewrite =
        "Santiago has sent about 320 soldiers to Arauco after the river burst its banks.\n\n"
        + "Rosa Quintero met Tomas Ebert on Tuesday to discuss the rebuilding of the bridges.\n\n"
        + "The regional governor, Pablo Ferrer, requested emergency funds from the European Union.";

    private const string Tabloid =
        "Mayor Tomas Ebert did not meet Interior Minister Rosa Quintero, his office said, because the roads were closed.\n\n"
        + "The floods killed 40 people in the region, the newspaper learned.";

    [Fact]
    public void A_capital_stands_for_its_country_and_overlapping_figures_are_compatible_variants()
    {
        var report = Reconcile(Annotate("wire", Wire), Annotate("rewrite", Rewrite));
        var sent = Claim(report, "Chile", "send");
        Assert.Equal(ClaimStatus.Compatible, sent.Status);
        Assert.Equal(["rewrite", "wire"], sent.Sources.Select(s => s.Article).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2, sent.IndependentSources);
        Assert.Contains(sent.Sources, s => s.Figure == "300 soldiers");
        Assert.Contains(sent.Sources, s => s.Figure == "about 320 soldiers");
        Assert.Contains("Arauco", sent.ObjectName);
    }

    [Fact]
    public void A_meeting_stated_in_either_order_is_corroborated_and_a_vaguer_date_is_compatible()
    {
        var report = Reconcile(Annotate("wire", Wire, new DateOnly(2026, 3, 4)), Annotate("rewrite", Rewrite, new DateOnly(2026, 3, 4)));
        var met = Claim(report, "Quintero", "meet", "Ebert");
        Assert.Equal(2, met.IndependentSources);
        // "on March 3, 2026" and "on Tuesday" (anchored to the article's date) name the same day.
        Assert.Equal(ClaimStatus.Corroborated, met.Status);
        Assert.Equal("2026-03-03", met.Time);
    }

    [Fact]
    public void A_denial_contests_the_claim_and_figures_that_exclude_each_other_are_contested()
    {
        var report = Reconcile(Annotate("wire", Wire), Annotate("tabloid", Tabloid));
        var met = Assert.Single(report.Claims, c => c.Predicate == "meet" && c.Sources.Any(s => s.Article == "tabloid"));
        Assert.True(met.Sources.Count >= 2, Describe(report));
        Assert.Equal(ClaimStatus.Contested, met.Status);
        Assert.Contains(met.Sources, s => s.Article == "tabloid" && s.Negated);
        Assert.Contains(met.Sources, s => s.Article == "wire" && !s.Negated);
    }

    [Fact]
    public void Figures_that_exclude_each_other_in_unlike_sentences_are_two_happenings_not_a_contest()
    {
        var history = "Back in 2010, after an earthquake struck the coast and a tsunami flooded the old port, Chile sent 3,000 soldiers to Arauco to keep order among the ruins.";
        var report = Reconcile(Annotate("wire", Wire), Annotate("history", history));
        var sent = report.Claims.Where(c => c.Predicate == "send" && c.SubjectName == "Chile").ToList();
        Assert.True(sent.Count == 2, Describe(report));
        Assert.All(sent, c => Assert.Equal(ClaimStatus.SingleSource, c.Status));
        Assert.DoesNotContain(report.Claims, c => c.Status == ClaimStatus.Contested);
    }

    [Fact]
    public void What_one_outlet_alone_reports_is_single_source_and_listed_for_it()
    {
        var report = Reconcile(Annotate("wire", Wire), Annotate("rewrite", Rewrite));
        var funds = Claim(report, "Pablo Ferrer", "request");
        Assert.Equal(ClaimStatus.SingleSource, funds.Status);
        Assert.Contains("European Union", funds.ObjectName);
        var rewrite = report.Coverage.Single(c => c.Article == "rewrite");
        Assert.Contains(report.Claims.ToList().IndexOf(funds), rewrite.Only);
        var wire = report.Coverage.Single(c => c.Article == "wire");
        Assert.DoesNotContain(report.Claims.ToList().IndexOf(funds), wire.Only);
    }

    [Fact]
    public void A_rewritten_copy_is_derived_from_its_origin_and_adds_no_independent_source()
    {
        // The copy keeps the wire's sentences and adds one of its own.
        var copy = Wire.Replace("officials said on Tuesday", "officials said on Tuesday morning", StringComparison.Ordinal)
            + "\n\nVolunteers from Concepcion brought food and blankets.";
        var report = Reconcile(
            Annotate("wire", Wire, new DateOnly(2026, 3, 3)),
            Annotate("copy", copy, new DateOnly(2026, 3, 4)),
            Annotate("rewrite", Rewrite, new DateOnly(2026, 3, 4)));
        var derived = Assert.Single(report.Derived);
        Assert.Equal("copy", derived.Article);
        Assert.Equal("wire", derived.From);
        Assert.True(derived.Share > 0.6, $"share {derived.Share}");
        var met = Claim(report, "Quintero", "meet", "Ebert");
        Assert.Equal(["copy", "rewrite", "wire"], met.Sources.Select(s => s.Article).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2, met.IndependentSources);
        // Two articles with their own wording are not copies of each other.
        Assert.DoesNotContain(report.Derived, d => d.Article == "rewrite" || d.From == "rewrite");
    }

    [Fact]
    public void What_a_copy_repeats_is_shown_only_under_its_origin_and_what_it_adds_under_itself()
    {
        var wire = Wire + "\n\nThe Red Cross opened a shelter in Arauco on Tuesday.";
        var copy = wire + "\n\nGovernor Pablo Ferrer thanked the Red Cross.";
        var report = Reconcile(
            Annotate("wire", wire, new DateOnly(2026, 3, 3)),
            Annotate("copy", copy, new DateOnly(2026, 3, 4)),
            Annotate("rewrite", Rewrite, new DateOnly(2026, 3, 4)));
        Assert.Equal("wire", Assert.Single(report.Derived).From);
        var onlyIn = Dossier.Render.ClaimView.OnlyIn(report).ToDictionary(o => o.Article, o => o.Only);
        var shelter = Claim(report, "Red Cross", "open");
        Assert.Equal(["copy", "wire"], shelter.Sources.Select(s => s.Article).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(shelter, onlyIn["wire"]);
        var thanks = Claim(report, "Pablo Ferrer", "thank");
        Assert.Contains(thanks, onlyIn["copy"]);
        Assert.DoesNotContain(shelter, onlyIn["copy"]);
    }

    [Fact]
    public void Words_inside_quotation_marks_are_left_to_the_quotes()
    {
        var text = "\u201CThe army sent 500 engineers to Arauco,\u201D Rosa Quintero said on Tuesday.\n\nMayor Tomas Ebert thanked the army.";
        var report = Reconcile(Annotate("q", text), Annotate("wire", Wire));
        Assert.DoesNotContain(report.Claims, c => c.Sources.Any(s => s.Article == "q") && c.Predicate == "send");
        Assert.Contains(report.Claims, c => c.Sources.Any(s => s.Article == "q") && c.Predicate == "thank");
    }

    [Fact]
    public void Hedged_and_conditional_statements_are_not_claims()
    {
        var text = "Mayor Tomas Ebert could resign next week.\n\nIf Rosa Quintero approves the funds, Arauco will rebuild the bridges.\n\nTomas Ebert visited the shelter.";
        var report = Reconcile(Annotate("h", text), Annotate("wire", Wire));
        var mine = report.Claims.Where(c => c.Sources.Any(s => s.Article == "h")).Select(c => c.Predicate).ToList();
        Assert.DoesNotContain("resign", mine);
        Assert.DoesNotContain("approve", mine);
        Assert.Contains("visit", mine);
    }

    [Fact]
    public void Every_source_passage_lies_inside_its_article_and_json_carries_claims()
    {
        var articles = new[] { Annotate("wire", Wire), Annotate("rewrite", Rewrite), Annotate("tabloid", Tabloid) };
        var report = Reconcile(articles);
        Assert.NotEmpty(report.Claims);
        foreach (var source in report.Claims.SelectMany(c => c.Sources))
        {
            var text = articles.Single(a => a.Id == source.Article).Text;
            Assert.InRange(source.Span.End, 1, text.Length);
            Assert.True(source.Span.Length > 0);
        }
        var json = new JsonRenderer().Render(new Analysis(articles, [report], []));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var claims = doc.RootElement.GetProperty("stories")[0].GetProperty("claims");
        Assert.Equal(report.Claims.Count, claims.GetArrayLength());
        var first = claims[0];
        foreach (var field in new[] { "text", "status", "subject", "time", "figure", "sources" })
            Assert.True(first.TryGetProperty(field, out _), field);
        Assert.Contains(first.GetProperty("status").GetString(), new[] { "corroborated", "compatible", "contested", "single-source" });
        var markdown = new MarkdownRenderer().Render(new Analysis(articles, [report], []));
        Assert.Contains("**Corroborated**", markdown);
        Assert.Contains("**Contested**", markdown);
        Assert.Contains("**Only in [", markdown);
        var html = new HtmlRenderer().RenderStory(report, articles);
        Assert.Contains("<h2>Corroborated</h2>", html);
        Assert.Contains("<h2>Contested</h2>", html);
        Assert.Contains("<h2>Only in [", html);
        // The contested meeting lists the denial as a reading of its own.
        var contested = html[html.IndexOf("<h2>Contested</h2>", StringComparison.Ordinal)..];
        Assert.Contains("not: ", contested);
    }

    [Fact]
    public void Three_copies_of_one_report_link_without_a_cycle_and_count_as_one_source()
    {
        var a = Annotate("a", Wire);
        var b = Annotate("b", Wire + "\n\nThe fire service said the search would go on overnight.");
        var c = Annotate("c", "Rescuers in boats reached the last stranded farms late on Wednesday.\n\n" + Wire);
        var report = Reconcile(a, b, c);
        Assert.Equal(2, report.Derived.Count);
        var origins = CopyDetector.Origins(["a", "b", "c"], report.Derived);
        Assert.Single(origins.Values.Distinct());
        var met = Claim(report, "Quintero", "meet", "Ebert");
        Assert.Equal(3, met.Sources.Select(x => x.Article).Distinct().Count());
        Assert.Equal(1, met.IndependentSources);
        Assert.Equal(ClaimStatus.SingleSource, met.Status);
    }

    [Fact]
    public void A_long_report_quoting_two_sentences_of_a_wire_is_not_derived_from_it()
    {
        var feature = string.Join("\n\n", new[]
        {
            "Arauco woke to brown water in its streets for the third time in ten years, and this time the town was not ready.",
            "Interior Minister Rosa Quintero met with Mayor Tomas Ebert in Arauco on March 3, 2026.",
            "Farmers on the valley floor lost most of their winter feed, and several dairies moved their herds to the hills.",
            "Engineers say the levee built after the last flood was never finished, because the money ran out in the second year.",
            "Schools in the lower town stay closed, and the gym of the college has become a shelter for two hundred families.",
            "Volunteers from Concepcion brought food, blankets and a field kitchen that serves soup through the night.",
            "The regional governor, Pablo Ferrer, requested emergency funds from the European Union.",
        });
        var report = Reconcile(Annotate("wire", Wire, new DateOnly(2026, 3, 3)), Annotate("feature", feature, new DateOnly(2026, 3, 5)));
        Assert.Empty(report.Derived);
        Assert.Equal(2, Claim(report, "Quintero", "meet", "Ebert").IndependentSources);
    }

    [Fact]
    public void Short_sentences_alike_in_form_are_not_copies()
    {
        var report = Reconcile(Annotate("x", "Kelly met Ebert on Monday."), Annotate("y", "Smith met Ebert on Monday."));
        Assert.Empty(report.Derived);
    }

    [Fact]
    public void A_name_ending_in_ly_is_a_subject_not_an_adverb()
    {
        var report = Reconcile(Annotate("x", "Italy sent 200 soldiers to Libya on Monday.\n\nKelly met Ebert in Rome."), Annotate("wire", Wire));
        Assert.Contains(report.Claims, c => c.SubjectName == "Italy" && c.Predicate == "send");
        Assert.Contains(report.Claims, c => c.SubjectName.Contains("Kelly", StringComparison.Ordinal) && c.Predicate == "meet");
    }

    [Fact]
    public void A_weekday_read_against_a_later_article_date_does_not_split_a_claim_from_its_written_date()
    {
        // The rewrite is dated a week later, so its "Tuesday" anchors to another day than the wire's written date.
        var report = Reconcile(Annotate("wire", Wire, new DateOnly(2026, 3, 4)), Annotate("rewrite", Rewrite, new DateOnly(2026, 3, 11)));
        var met = Claim(report, "Quintero", "meet", "Ebert");
        Assert.Equal(2, met.IndependentSources);
        Assert.NotEqual(ClaimStatus.Contested, met.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("met")]
    [InlineData("by")]
    [InlineData("talks with")]
    [InlineData("Kim and")]
    [InlineData("was sent by")]
    [InlineData("He met.")]
    [InlineData("Italy, who")]
    [InlineData("\u201Cmet\u201D Kelly said")]
    [InlineData("his meeting with")]
    [InlineData("Chile has sent 300")]
    [InlineData(",,, ; : and to to to")]
    public void Degenerate_text_reads_without_failing(string text)
    {
        var articles = new[] { Annotate("x", text), Annotate("wire", Wire) };
        var report = Reconcile(articles);
        Assert.NotEmpty(report.Claims); // the wire's claims are still read
        Assert.All(report.Claims.SelectMany(c => c.Sources), s =>
            Assert.InRange(s.Span.End, s.Span.Start + 1, articles.Single(a => a.Id == s.Article).Text.Length));
    }
}
