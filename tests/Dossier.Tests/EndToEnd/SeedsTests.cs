using System.Text.Json;
using Dossier.Cli;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.EndToEnd;

/// <summary>The acceptance points of the spine, checked on the JSON that `dossier analyze` prints for the seeds.</summary>
public sealed class SeedsTests
{
    private static readonly Lazy<string> Json = new(() => Run(Shared.Seeds));

    private static string Run(string path)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = DossierCommand.RunAsync(["analyze", path, "--format", "json", "--today", "2026-11-22", "--quiet"], stdout, stderr)
            .GetAwaiter().GetResult();
        Assert.True(code == 0, $"exit {code}: {stderr}");
        return stdout.ToString();
    }

    private static JsonElement Root => JsonDocument.Parse(Json.Value).RootElement;

    private static JsonElement Story => Assert.Single(Root.GetProperty("stories").EnumerateArray());

    private static IEnumerable<string> Strings(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!);

    private static JsonElement[] Entities => Story.GetProperty("entities").EnumerateArray().ToArray();

    private static JsonElement EntityNamed(string name, string type)
        => Assert.Single(Entities, e => e.GetProperty("type").GetString() == type
            && (e.GetProperty("name").GetString() == name || Strings(e, "aliases").Contains(name)));

    [Fact]
    public void All_three_articles_make_one_story_and_no_page_furniture_remains()
    {
        Assert.Equal(3, Strings(Story, "articles").Count());
        foreach (var article in Root.GetProperty("articles").EnumerateArray())
        {
            var text = article.GetProperty("text").GetString()!;
            Assert.DoesNotContain("Related Posts", text);
            Assert.DoesNotContain("Leave a Reply", text);
        }
    }

    [Fact]
    public void Every_article_gets_a_date_and_says_where_it_came_from()
    {
        foreach (var article in Root.GetProperty("articles").EnumerateArray())
        {
            Assert.Equal("2024-11-29", article.GetProperty("published").GetString());
            Assert.False(string.IsNullOrEmpty(article.GetProperty("publishedSource").GetString()));
        }
    }

    [Fact]
    public void Spelling_variants_are_one_entity_each()
    {
        var belousov = EntityNamed("Andrei Belousov", "PER");
        Assert.Contains("Andrey Belousov", Strings(belousov, "aliases"));
        Assert.Single(Entities, e => e.GetProperty("name").GetString()!.Contains("Belousov") || Strings(e, "aliases").Any(a => a.Contains("Belousov")));

        var no = Assert.Single(Entities, e => Strings(e, "aliases").Contains("No Kwang Chol"));
        Assert.Contains("No Kwang-chol", Strings(no, "aliases"));
    }

    [Theory]
    [InlineData("Kim Jong Un", "PER")]
    [InlineData("Vladimir Putin", "PER")]
    [InlineData("Yoon Suk Yeol", "PER")]
    [InlineData("Hong Min", "PER")]
    [InlineData("Sergei Shoigu", "PER")]
    [InlineData("KCNA", "ORG")]
    [InlineData("Korea Institute for National Unification", "ORG")]
    [InlineData("Pyongyang", "LOC")]
    public void Named_entities_have_their_types(string name, string type) => EntityNamed(name, type);

    [Fact]
    public void Kursk_is_a_place()
        => Assert.Contains(Entities, e => e.GetProperty("type").GetString() == "LOC" && e.GetProperty("name").GetString()!.Contains("Kursk"));

    [Fact]
    public void The_troop_figures_are_grouped_and_judged_compatible()
    {
        var figure = Assert.Single(Story.GetProperty("figures").EnumerateArray(), f =>
            f.GetProperty("variants").EnumerateArray().Any(v => v.GetProperty("text").GetString()!.Contains("12,000")));
        Assert.Equal("compatible", figure.GetProperty("agreement").GetString());
        var variants = figure.GetProperty("variants").EnumerateArray().ToArray();
        var open = Assert.Single(variants, v => v.GetProperty("low").ValueKind == JsonValueKind.Number && v.GetProperty("low").GetDouble() == 10000);
        Assert.Equal(JsonValueKind.Null, open.GetProperty("high").ValueKind);
        Assert.Contains(Strings(open, "articles"), a => a.StartsWith("000"));
        Assert.Contains(Strings(open, "articles"), a => a.StartsWith("002"));
        var about = Assert.Single(variants, v => v.GetProperty("approximate").GetBoolean());
        Assert.Equal(12000, about.GetProperty("low").GetDouble());
        Assert.Equal(12000, about.GetProperty("high").GetDouble());
        Assert.Equal(["003_fac88cd82a606772"], Strings(about, "articles"));
    }

    [Fact]
    public void The_timeline_has_the_visit_the_treaty_and_the_incursion()
    {
        var timeline = Story.GetProperty("timeline").EnumerateArray().ToDictionary(t => t.GetProperty("date").GetString()!);
        var visit = Strings(timeline["2024-11-29"], "articles").ToList();
        Assert.Contains(visit, a => a.StartsWith("000"));
        Assert.Contains(visit, a => a.StartsWith("002"));
        Assert.True(Strings(timeline["2024-06"], "articles").Count() >= 2);
        Assert.Contains(Strings(timeline["2024-08"], "articles"), a => a.StartsWith("003"));
    }

    [Theory]
    [InlineData("It is an exercise of the right to self-defence", "Kim Jong Un")]
    [InlineData("It is up to the two nations", "Vladimir Putin")]
    [InlineData("Our visit reflects the highest level of mutual trust", "Andrei Belousov")]
    [InlineData("By sending soldiers, North Korea is positioning itself", "Hong Min")]
    public void Quotes_are_attributed_to_their_speakers(string opening, string speaker)
    {
        var entity = EntityNamed(speaker, "PER").GetProperty("id").GetString();
        var quote = Assert.Single(Story.GetProperty("quotes").EnumerateArray(), q => q.GetProperty("text").GetString()!.StartsWith(opening));
        Assert.Equal(entity, quote.GetProperty("speaker").GetString());
        var sources = quote.GetProperty("sources").EnumerateArray().ToArray();
        Assert.NotEmpty(sources);
        Assert.Contains(sources, s => s.GetProperty("article").GetString() == quote.GetProperty("article").GetString()
            && s.GetProperty("start").GetInt32() == quote.GetProperty("start").GetInt32());
    }

    [Fact]
    public void Kim_Jong_Un_is_quoted_via_KCNA()
    {
        var kim = EntityNamed("Kim Jong Un", "PER").GetProperty("id").GetString();
        var quote = Assert.Single(Story.GetProperty("quotes").EnumerateArray(), q => q.GetProperty("text").GetString()!.StartsWith("It is an exercise of the right"));
        Assert.Equal(kim, quote.GetProperty("speaker").GetString());
        Assert.Equal("KCNA", quote.GetProperty("via").GetString());
        Assert.Contains(quote.GetProperty("sources").EnumerateArray(), s => s.GetProperty("via").GetString() == "KCNA");
    }

    [Fact]
    public void No_two_quotes_of_one_speaker_carry_the_same_words()
    {
        var quotes = Story.GetProperty("quotes").EnumerateArray()
            .Select(q => (Speaker: q.GetProperty("speaker").GetString(), Text: q.GetProperty("text").GetString()!.ToLowerInvariant())).ToList();
        Assert.Equal(quotes.Count, quotes.Distinct().Count());
    }

    [Fact]
    public void The_brief_has_five_to_twelve_cited_sentences_three_with_several_sources()
    {
        var brief = Story.GetProperty("brief").EnumerateArray().ToArray();
        Assert.InRange(brief.Length, 5, 12);
        Assert.All(brief, b => Assert.NotEmpty(Strings(b, "articles")));
        Assert.True(brief.Count(b => Strings(b, "articles").Count() >= 2) >= 3);
    }

    private static JsonElement[] Claims => Story.GetProperty("claims").EnumerateArray().ToArray();

    private static string[] ClaimArticles(JsonElement claim)
        => claim.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("article").GetString()![..3]).Distinct().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_troop_figures_are_one_claim_with_compatible_variants()
    {
        var troops = Assert.Single(Claims, c => c.GetProperty("figure").ValueKind == JsonValueKind.String
            && c.GetProperty("sources").EnumerateArray().Any(s => (s.GetProperty("figure").GetString() ?? "").Contains("12,000", StringComparison.Ordinal)));
        Assert.Equal("compatible", troops.GetProperty("status").GetString());
        Assert.Equal(["000", "002", "003"], ClaimArticles(troops));
        Assert.Equal(EntityNamed("North Korea", "LOC").GetProperty("id").GetString(), troops.GetProperty("subject").GetString());
        var figures = troops.GetProperty("sources").EnumerateArray()
            .Select(s => (Article: s.GetProperty("article").GetString()![..3], Figure: s.GetProperty("figure").GetString() ?? "")).ToList();
        Assert.All(figures.Where(f => f.Article is "000" or "002"), f => Assert.Contains("10,000", f.Figure));
        Assert.All(figures.Where(f => f.Article is "003"), f => Assert.Contains("12,000", f.Figure));
    }

    [Fact]
    public void Belousov_meeting_No_Kwang_Chol_and_meeting_Kim_Jong_Un_are_separate_claims()
    {
        var belousov = EntityNamed("Andrei Belousov", "PER").GetProperty("id").GetString();
        var no = EntityNamed("No Kwang-chol", "PER").GetProperty("id").GetString();
        var kim = EntityNamed("Kim Jong Un", "PER").GetProperty("id").GetString();
        bool Between(JsonElement c, string? a, string? b)
        {
            var parties = new[] { c.GetProperty("subject").GetString(), c.GetProperty("object").GetString() };
            return parties.Contains(a) && parties.Contains(b);
        }
        var withNo = Assert.Single(Claims, c => Between(c, belousov, no));
        var withKim = Assert.Single(Claims, c => Between(c, belousov, kim));
        Assert.Contains("003", ClaimArticles(withNo));
        Assert.Contains("002", ClaimArticles(withKim));
        Assert.NotEqual(withNo.GetProperty("text").GetString(), withKim.GetProperty("text").GetString());
    }

    [Fact]
    public void Belousov_visiting_North_Korea_is_corroborated_by_two_outlets()
    {
        var belousov = EntityNamed("Andrei Belousov", "PER").GetProperty("id").GetString();
        var northKorea = EntityNamed("North Korea", "LOC").GetProperty("id").GetString();
        var visit = Assert.Single(Claims, c => c.GetProperty("subject").GetString() == belousov && c.GetProperty("predicate").GetString() == "visit"
            && c.GetProperty("object").GetString() == northKorea);
        Assert.Equal("corroborated", visit.GetProperty("status").GetString());
        Assert.Equal(["000", "002"], ClaimArticles(visit));
    }

    [Fact]
    public void The_Kursk_incursion_is_single_source()
    {
        var kursk = EntityNamed("Kursk Region", "LOC").GetProperty("id").GetString();
        var claims = Claims.Where(c => c.GetProperty("object").GetString() == kursk || c.GetProperty("subject").GetString() == kursk).ToList();
        Assert.NotEmpty(claims);
        Assert.All(claims, c =>
        {
            Assert.Equal("single-source", c.GetProperty("status").GetString());
            Assert.Equal(["003"], ClaimArticles(c));
        });
        Assert.Contains(claims, c => c.GetProperty("time").GetString() == "2024-08");
    }

    [Fact]
    public void Every_claim_cites_passages_of_its_articles_and_each_source_lists_what_only_it_says()
    {
        var texts = Root.GetProperty("articles").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("text").GetString()!);
        Assert.NotEmpty(Claims);
        foreach (var source in Claims.SelectMany(c => c.GetProperty("sources").EnumerateArray()))
        {
            var text = texts[source.GetProperty("article").GetString()!];
            Assert.InRange(source.GetProperty("start").GetInt32(), 0, source.GetProperty("end").GetInt32() - 1);
            Assert.InRange(source.GetProperty("end").GetInt32(), 1, text.Length);
        }
        var coverage = Story.GetProperty("coverage").EnumerateArray().ToArray();
        Assert.Equal(3, coverage.Length);
        foreach (var c in coverage)
            foreach (var i in c.GetProperty("only").EnumerateArray())
                Assert.Equal([c.GetProperty("article").GetString()!], Claims[i.GetInt32()].GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("article").GetString()!).Distinct());
    }

    [Fact]
    public void The_same_input_gives_the_same_output_byte_for_byte() => Assert.Equal(Json.Value, Run(Shared.Seeds));
}
