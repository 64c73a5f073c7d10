using Dossier.Annotate;
using Xunit;

namespace Dossier.Tests.Annotate;

public sealed class NameGendersTests
{
    [Theory]
    [InlineData("Mary Okafor", null, Sex.Female)]
    [InlineData("John Abebe", null, Sex.Male)]
    [InlineData("Okafor", null, Sex.Unknown)]
    [InlineData("Okafor", "Mrs.", Sex.Female)]
    [InlineData("J. Robert Oppenheimer", null, Sex.Male)]
    [InlineData("Mr. Lee", null, Sex.Male)]
    public void A_given_name_or_an_honorific_tells_the_sex(string name, string? title, Sex sex)
        => Assert.Equal(sex, NameGenders.Default.Of(name, title));

    [Fact]
    public void Only_a_known_and_different_sex_disagrees()
    {
        var genders = NameGenders.Default;
        Assert.False(genders.Agrees(Sex.Female, "John Abebe"));
        Assert.True(genders.Agrees(Sex.Male, "John Abebe"));
        Assert.True(genders.Agrees(Sex.Female, "Okafor"));
        Assert.True(genders.Agrees(Sex.Unknown, "John Abebe"));
        Assert.Equal(Sex.Female, NameGenders.OfPronoun("She"));
        Assert.Equal(Sex.Unknown, NameGenders.OfPronoun("they"));
    }
}
