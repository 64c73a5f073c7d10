using Dossier.Language;
using Xunit;

namespace Dossier.Tests.Language;

public sealed class WordsTests
{
    [Theory]
    [InlineData("José Pérez", "Jose Perez")]
    [InlineData("Łódź", "Łodz")] // Ł has no decomposition in Unicode: it stays
    [InlineData("Nguyễn", "Nguyen")]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("Cafe\u0301", "Cafe")]
    public void Diacritics_are_stripped(string text, string expected) => Assert.Equal(expected, Words.StripDiacritics(text));

    [Fact]
    public void Content_stems_drop_function_words_and_meet_across_inflections()
    {
        var stems = Words.ContentStems("The soldiers were sent; a soldier sends", 0, 39);
        Assert.Equal(["soldier", "sent", "soldier", "send"], stems);
    }

    [Fact]
    public void Tokens_are_lower_case_runs_of_letters_and_digits()
        => Assert.Equal(["kim", "jong", "un", "s", "10", "000"], Words.Tokens("Kim Jong-un's 10,000", 0, 20));
}
