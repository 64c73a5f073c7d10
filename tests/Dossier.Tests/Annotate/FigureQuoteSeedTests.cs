using Dossier.Annotate;
using Dossier.Model;
using Xunit;

namespace Dossier.Tests.Annotate;

/// <summary>Figures and quotes on the real seed articles, read at run time from ../shared (never copied here).</summary>
public sealed class FigureQuoteSeedTests
{
    private const EntityType PER = EntityType.PER;
    private const EntityType ORG = EntityType.ORG;
    private const EntityType LOC = EntityType.LOC;

    private static string Seed(string prefix)
    {
        var shared = FigureTestText.Shared();
        Assert.SkipWhen(shared is null, "../shared not found");
        var file = Directory.GetFiles(Path.Combine(shared!, "corpus", "seeds"), prefix + "_*.txt").Single();
        return File.ReadAllText(file);
    }

    private static FigureMention Figure(string text, string phrase)
    {
        var (sentences, tokens) = FigureTestText.Split(text);
        var figures = new FigureRecognizer().Recognize(text, sentences, tokens);
        var at = text.IndexOf(phrase, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{phrase}' not in the seed");
        return Assert.Single(figures, f => f.Span == new TextSpan(at, phrase.Length));
    }

    private static QuoteMention Quote(string text, string contentStart, params (string Name, EntityType Type)[] names)
    {
        var (sentences, tokens) = FigureTestText.Split(text);
        var quotes = new QuoteFinder().Find(text, sentences, tokens, QuoteFinderTests.Mentions(text, names));
        return Assert.Single(quotes, q => q.Kind == QuoteKind.Direct && q.Content.Of(text).StartsWith(contentStart, StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_002_over_10000_soldiers()
    {
        var f = Figure(Seed("002"), "over 10,000 soldiers");
        Assert.Equal(FigureKind.Count, f.Kind);
        Assert.Equal(10000.0, f.Low);
        Assert.Null(f.High);
        Assert.False(f.Approximate);
        Assert.Equal("soldiers", f.Unit);
        Assert.Equal("military personnel", f.UnitClass);
        Assert.Equal("send", f.Verb);
    }

    [Fact]
    public void Seed_003_approximately_12000_troops()
    {
        var f = Figure(Seed("003"), "approximately 12,000 troops");
        Assert.Equal(12000.0, f.Low);
        Assert.Equal(12000.0, f.High);
        Assert.True(f.Approximate);
        Assert.Equal("troops", f.Unit);
        Assert.Equal("military personnel", f.UnitClass);
        Assert.Equal("send", f.Verb);
    }

    [Fact]
    public void Seed_000_more_than_10000_soldiers()
    {
        var f = Figure(Seed("000"), "more than 10,000 soldiers");
        Assert.Equal(10000.0, f.Low);
        Assert.Null(f.High);
        Assert.Equal("military personnel", f.UnitClass);
        Assert.Equal("send", f.Verb);
    }

    [Fact]
    public void Seed_002_Kim_via_KCNA()
    {
        var text = Seed("002");
        var q = Quote(text, "It is an exercise of the right to self-defence",
            ("Kim Jong Un", PER), ("Kim", PER), ("Andrei Belousov", PER), ("Belousov", PER), ("KCNA", ORG), ("Russia", LOC), ("Ukraine", LOC));
        Assert.Equal("Kim", q.SpeakerName!.Value.Of(text));
        Assert.Equal("KCNA", q.Via!.Value.Of(text));
        Assert.Equal("was quoted as saying", q.Cue);
    }

    [Fact]
    public void Seed_003_Putin()
    {
        var text = Seed("003");
        var q = Quote(text, "It is up to the two nations",
            ("Vladimir Putin", PER), ("Putin", PER), ("Andrey Belousov", PER), ("Belousov", PER), ("No Kwang-chol", PER), ("Russia", LOC), ("North Korea", LOC));
        Assert.Equal("Putin", q.SpeakerName!.Value.Of(text));
        Assert.Equal("stated", q.Cue);
    }

    [Fact]
    public void Seed_000_he_is_Belousov()
    {
        var text = Seed("000");
        var q = Quote(text, "Our visit reflects the highest level of mutual trust",
            ("Andrei Belousov", PER), ("Belousov", PER), ("Vladimir Putin", PER), ("Kim Jong Un", PER), ("No Kwang Chol", PER),
            ("Sergei Shoigu", PER), ("Russia", LOC), ("North Korea", LOC), ("Moscow", LOC), ("Pyongyang", LOC));
        Assert.Equal("he", q.Speaker!.Value.Of(text));
        Assert.Equal("Belousov", q.SpeakerName!.Value.Of(text));
        // The subject of "During his visit, Belousov pointed out ...", not Kim Jong Un, the last name before the quote.
        Assert.Equal(text.IndexOf("Belousov pointed out", StringComparison.Ordinal), q.SpeakerName!.Value.Start);
    }

    [Fact]
    public void Seed_002_Hong()
    {
        var text = Seed("002");
        var q = Quote(text, "By sending soldiers, North Korea is positioning itself",
            ("Hong Min", PER), ("Hong", PER), ("Korea Institute for National Unification", ORG), ("North Korea", LOC), ("China", LOC));
        Assert.Equal("Hong", q.SpeakerName!.Value.Of(text));
        Assert.Equal("said", q.Cue);
    }
}
