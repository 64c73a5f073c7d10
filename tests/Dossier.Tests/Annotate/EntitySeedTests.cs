using Dossier.Model;
using Xunit;

namespace Dossier.Tests.Annotate;

/// <summary>The seed articles from ../shared (read at run time, never copied): the names a brief about them needs.</summary>
public sealed class EntitySeedTests
{
    private static string? SeedFolder()
        => Dossier.Eval.SharedData.TryLocate() is { } shared ? Path.Combine(shared, "corpus", "seeds") : null;

    [Fact]
    public void SeedNamesAreTyped()
    {
        var folder = SeedFolder();
        if (folder is null) Assert.Skip("../shared/corpus/seeds not found");
        var found = new HashSet<(string, EntityType)>();
        var initial = new List<string>();
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var (text, mentions) = EntityRecognizerTests.Recognize(File.ReadAllText(file));
            foreach (var m in mentions) found.Add((m.Span.Of(text), m.Type));
            initial.AddRange(mentions.Select(m => m.Span.Of(text)));
        }

        string[] persons = ["Kim Jong Un", "Vladimir Putin", "Yoon Suk Yeol", "Hong Min", "Sergei Shoigu", "Andrei Belousov",
            "Andrey Belousov", "Belousov", "Putin", "Kim", "Hong"];
        foreach (var name in persons) Assert.Contains((name, EntityType.PER), found);
        Assert.True(found.Contains(("No Kwang Chol", EntityType.PER)) || found.Contains(("No Kwang-chol", EntityType.PER)));
        Assert.Contains(("KCNA", EntityType.ORG), found);
        Assert.Contains(("Korea Institute for National Unification", EntityType.ORG), found);
        foreach (var place in new[] { "Pyongyang", "Moscow", "Seoul", "Washington" }) Assert.Contains((place, EntityType.LOC), found);
        Assert.True(found.Contains(("Kursk", EntityType.LOC)) || found.Contains(("Kursk Region", EntityType.LOC)));
        foreach (var word in new[] { "During", "This", "Both", "Experts", "Analysts" })
            Assert.DoesNotContain(initial, name => name == word || name.StartsWith(word + " ", StringComparison.Ordinal));
    }
}
