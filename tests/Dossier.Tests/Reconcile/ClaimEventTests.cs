using Dossier.Annotate;
using Dossier.Model;
using Dossier.Reconcile;
using Xunit;

namespace Dossier.Tests.Reconcile;

/// <summary>
/// Claims of one happening told with different verbs or voices, joined by the trained event model
/// (<see cref="ClaimOptions.AlignByEvents"/>), on articles written for these tests.
/// </summary>
public sealed class ClaimEventTests
{
    private static readonly ArticleAnnotator Annotator = ArticleAnnotator.CreateDefault(FixedClock.AtDay(new DateOnly(2026, 3, 6)));

    private static AnnotatedArticle Annotate(string id, string text) => Annotator.Annotate(new Article(id, id + ".txt", text, id));

    private static StoryReport Reconcile(bool byEvents, params AnnotatedArticle[] articles)
        => new StoryReconciler(new ReconcileOptions { Claims = new ClaimOptions { AlignByEvents = byEvents } })
            .Reconcile(new Story("s", articles)).Report;

    private static string Describe(StoryReport report)
        => string.Join("\n", report.Claims.Select(c => $"{c.Status} {c.SubjectName}/{c.Predicate}/{c.ObjectName} [{string.Join(",", c.Sources.Select(s => s.Article))}] {c.Text}"));

    private static List<StoryClaim> About(StoryReport report, string name)
        => report.Claims.Where(c => c.SubjectName.Contains(name, StringComparison.Ordinal) || (c.ObjectName ?? "").Contains(name, StringComparison.Ordinal)).ToList();

    private const string Fired =
        "Northgate Bank fires chief executive\n\n"
        + "Northgate Bank fired its chief executive Laura Pemberton on Monday after losses at its trading arm in London.\n"
        + "The board said an interim chief would be named within weeks. Pemberton had led the lender since 2019.";

    private const string Sacked =
        "Northgate chief ousted over London trading losses\n\n"
        + "Northgate Bank sacked Laura Pemberton on Monday over the losses at its London trading arm, according to people familiar with the matter.\n"
        + "Pemberton joined the bank in 2011 and became its chief executive in 2019. The board will name an interim chief.";

    private const string Arrested =
        "Denver museum theft: suspect held\n\n"
        + "John Carver was arrested on Tuesday in Denver over the theft of paintings from the city's art museum, police said.\n"
        + "The paintings were stolen last month. Carver is expected in court on Friday.";

    private const string ArrestedByFbi =
        "FBI arrests man over stolen Denver paintings\n\n"
        + "The FBI arrested John Carver in Denver on Tuesday in connection with the theft of paintings from the Denver Art Museum.\n"
        + "Carver is due to appear in court on Friday, the bureau said. The paintings were recovered undamaged.";

    private const string OtherArrest =
        "FBI arrests man over stolen Denver paintings\n\n"
        + "The FBI arrested Mark Dolan in Denver on Tuesday in connection with the theft of paintings from the Denver Art Museum.\n"
        + "Dolan is due to appear in court on Friday, the bureau said. The paintings were recovered undamaged.";

    [Fact]
    public void One_dismissal_told_with_two_verbs_is_one_corroborated_claim()
    {
        var (fired, sacked) = (Annotate("fired", Fired), Annotate("sacked", Sacked));
        var joined = Reconcile(true, fired, sacked);
        var claim = Assert.Single(joined.Claims, c => c.SubjectName.Contains("Northgate", StringComparison.Ordinal) && c.ObjectName is { } o && o.Contains("Pemberton", StringComparison.Ordinal));
        Assert.True(claim.Status == ClaimStatus.Corroborated, Describe(joined));
        Assert.Equal(["fired", "sacked"], claim.Sources.Select(s => s.Article).Distinct().Order(StringComparer.Ordinal));
        // Each source cites its own verb.
        Assert.Contains(claim.Sources, s => s.Article == "sacked" && sacked.Of(s.Predicate!.Value) == "sacked");
        Assert.Contains(claim.Sources, s => s.Article == "fired" && fired.Of(s.Predicate!.Value) == "fired");

        // Without the event model the two verbs stay two single-source claims.
        var apart = Reconcile(false, fired, sacked);
        var dismissals = apart.Claims.Where(c => c.SubjectName.Contains("Northgate", StringComparison.Ordinal) && c.ObjectName is { } o && o.Contains("Pemberton", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, dismissals.Count);
        Assert.All(dismissals, c => Assert.Equal(ClaimStatus.SingleSource, c.Status));
    }

    [Fact]
    public void A_passive_report_joins_the_active_one_that_names_who_did_it_as_a_compatible_variant()
    {
        var report = Reconcile(true, Annotate("police", Arrested), Annotate("fbi", ArrestedByFbi));
        var claim = Assert.Single(report.Claims, c => c.Predicate == "arrest" && c.ObjectName is { } o && o.Contains("Carver", StringComparison.Ordinal));
        Assert.True(claim.Status == ClaimStatus.Compatible, Describe(report));
        Assert.Equal("one source names who did it, another does not", claim.Reason);
        Assert.Equal(["fbi", "police"], claim.Sources.Select(s => s.Article).Distinct().Order(StringComparer.Ordinal));
        Assert.DoesNotContain(report.Claims, c => c.Predicate == "arrest (passive)");
    }

    [Fact]
    public void An_arrest_of_someone_else_is_not_joined()
    {
        var report = Reconcile(true, Annotate("police", Arrested), Annotate("fbi", OtherArrest));
        var carver = Assert.Single(report.Claims, c => c.Predicate == "arrest (passive)" && c.SubjectName.Contains("Carver", StringComparison.Ordinal));
        Assert.Equal(ClaimStatus.SingleSource, carver.Status);
        Assert.Equal(["police"], carver.Sources.Select(s => s.Article).Distinct());
        Assert.All(About(report, "Dolan"), c => Assert.DoesNotContain(c.Sources, s => s.Article == "police"));
    }

    [Fact]
    public void A_claim_that_names_no_one_does_not_bridge_two_claims_about_different_people()
    {
        const string bare = "FBI arrests suspect\n\nThe FBI arrested a suspect on Tuesday after the theft of paintings from the Denver Art Museum, the bureau said.";
        var articles = new[] { Annotate("carver", ArrestedByFbi), Annotate("bare", bare), Annotate("dolan", OtherArrest) };
        var report = Reconcile(true, articles);
        string Passage(ClaimSource s) => articles.Single(a => a.Id == s.Article).Of(s.Span);
        Assert.False(report.Claims.Any(c => c.Sources.Any(s => Passage(s).Contains("Carver", StringComparison.Ordinal))
            && c.Sources.Any(s => Passage(s).Contains("Dolan", StringComparison.Ordinal))), Describe(report));
        var carver = Assert.Single(report.Claims, c => c.Predicate == "arrest" && c.ObjectName is { } o && o.Contains("Carver", StringComparison.Ordinal));
        Assert.DoesNotContain(carver.Sources, s => s.Article == "dolan");
    }

    [Fact]
    public void A_pronoun_subject_stands_for_the_person_who_opened_the_sentence_before_not_the_last_one_named()
    {
        var article = Annotate("raid",
            "Harbour robbery suspect charged\n\n"
            + "Marcus Ellery walked into the office of harbour master Tobias Grune, who was signing the night's cargo papers.\n"
            + "Moments later, he threatened Grune with a knife and demanded the keys to the vault.\n"
            + "Two minutes later, he robbed the cashier, Ilse Marten, and fled by boat.");
        var report = Reconcile(true, article);
        Assert.Contains(report.Claims, c => c.SubjectName == "Marcus Ellery" && c.Predicate == "threaten" && c.ObjectName == "Tobias Grune");
        Assert.Contains(report.Claims, c => c.SubjectName == "Marcus Ellery" && c.Predicate == "rob" && c.ObjectName == "Ilse Marten");
        Assert.DoesNotContain(report.Claims, c => c.SubjectName == "Tobias Grune" && c.Predicate is "threaten" or "rob");
    }

    [Fact]
    public void A_claim_takes_a_date_of_its_own_clause_not_one_of_a_clause_coordinated_before_it()
    {
        var report = Reconcile(true, Annotate("gala",
            "Ellery honoured\n\n"
            + "Marcus Ellery hosted the 2004 gala in Vienna, and won the Golden Lyre for it.\n"
            + "On March 3, 2026, Marcus Ellery met Ilse Marten in Vienna."));
        var won = Assert.Single(report.Claims, c => c.Predicate == "win");
        Assert.Null(won.Time);
        var met = Assert.Single(report.Claims, c => c.Predicate == "meet");
        Assert.Equal("2026-03-03", met.Time);
    }

    [Fact]
    public void She_is_not_the_last_man_named()
    {
        var report = Reconcile(true, Annotate("port",
            "Port dispute\n\n"
            + "Marcus Ellery met Ilse Marten in Hamburg on Monday.\n"
            + "Later, she thanked Tobias Grune for the harbour plan."));
        Assert.Contains(report.Claims, c => c.SubjectName == "Ilse Marten" && c.Predicate == "thank" && c.ObjectName == "Tobias Grune");
        Assert.DoesNotContain(report.Claims, c => c.SubjectName == "Marcus Ellery" && c.Predicate == "thank");
    }
}
