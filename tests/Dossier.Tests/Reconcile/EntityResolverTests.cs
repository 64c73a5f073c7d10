using Dossier.Model;
using Dossier.Reconcile;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Reconcile;

public sealed class EntityResolverTests
{
    private static StoryEntity Holding(ResolvedEntities resolved, string alias)
        => Assert.Single(resolved.Entities, e => e.Aliases.Contains(alias));

    [Fact]
    public void Transliteration_variants_and_surnames_fold_into_one_person()
    {
        var a = new ArticleBuilder("a", "Foreign Minister Dmitriy Volkonsky arrived. Volkonsky spoke.")
            .Entity("Dmitriy Volkonsky", EntityType.PER).Entity("Volkonsky", EntityType.PER, 1).Build();
        var b = new ArticleBuilder("b", "Dmitri Volkonskiy arrived in the capital. Later Volkonskiy's aide spoke.")
            .Entity("Dmitri Volkonskiy", EntityType.PER).Entity("Volkonskiy", EntityType.PER, 1).Build();

        var resolved = new EntityResolver().Resolve([a, b]);

        var person = Holding(resolved, "Dmitriy Volkonsky");
        Assert.Contains("Dmitri Volkonskiy", person.Aliases);
        Assert.Contains("Volkonsky", person.Aliases);
        Assert.Contains("Volkonskiy", person.Aliases);
        Assert.Equal(["a", "b"], person.Articles);
        Assert.Single(resolved.Entities);
    }

    [Fact]
    public void Hyphen_and_spacing_variants_are_one_name()
    {
        var a = new ArticleBuilder("a", "Park Min Soo met envoys.").Entity("Park Min Soo", EntityType.PER).Build();
        var b = new ArticleBuilder("b", "Park Min-soo met envoys.").Entity("Park Min-soo", EntityType.PER).Build();
        var resolved = new EntityResolver().Resolve([a, b]);
        var person = Assert.Single(resolved.Entities);
        Assert.Equal(2, person.Aliases.Count);
    }

    [Fact]
    public void A_surname_joins_the_nearest_full_name_before_it_in_its_article()
    {
        var text = "John Carter met Mary Carter. Later Carter left.";
        var a = new ArticleBuilder("a", text)
            .Entity("John Carter", EntityType.PER).Entity("Mary Carter", EntityType.PER).Entity("Carter", EntityType.PER, 2).Build();
        var resolved = new EntityResolver().Resolve([a]);
        var mary = Holding(resolved, "Mary Carter");
        Assert.Equal(2, mary.Mentions.Count);
        Assert.Single(Holding(resolved, "John Carter").Mentions);
    }

    [Fact]
    public void An_acronym_joins_its_expansion()
    {
        var a = new ArticleBuilder("a", "The World Health Organization warned. The WHO said more.")
            .Entity("World Health Organization", EntityType.ORG).Entity("WHO", EntityType.ORG).Build();
        var resolved = new EntityResolver().Resolve([a]);
        var org = Assert.Single(resolved.Entities);
        Assert.Equal("World Health Organization", org.Name);
        Assert.Contains("WHO", org.Aliases);
    }

    [Fact]
    public void Different_people_stay_apart_and_places_do_not_absorb_surnames()
    {
        var a = new ArticleBuilder("a", "Anna Smith met Lee Brown in Washington. Brown spoke.")
            .Entity("Anna Smith", EntityType.PER).Entity("Lee Brown", EntityType.PER)
            .Entity("Washington", EntityType.LOC).Entity("Brown", EntityType.PER, 1).Build();
        var resolved = new EntityResolver().Resolve([a]);
        Assert.Equal(3, resolved.Entities.Count);
        Assert.Equal(2, Holding(resolved, "Lee Brown").Mentions.Count);
        Assert.Equal(EntityType.LOC, Holding(resolved, "Washington").Type);
    }

    [Fact]
    public void Possessives_are_not_separate_forms_and_ids_are_slugs()
    {
        var a = new ArticleBuilder("a", "Maria Lopez arrived. Maria Lopez’s visit began.")
            .Entities("Maria Lopez", EntityType.PER).Build();
        var resolved = new EntityResolver().Resolve([a]);
        var person = Assert.Single(resolved.Entities);
        Assert.Equal(["Maria Lopez"], person.Aliases);
        Assert.Equal("maria-lopez", person.Id);
    }
}

public sealed class EntityResolverDiacriticsTests
{
    [Fact]
    public void Names_with_and_without_diacritics_are_one_entity()
    {
        var a = new ArticleBuilder("a", "José Pérez won the race.").Entity("José Pérez", EntityType.PER).Build();
        var b = new ArticleBuilder("b", "Jose Perez won the race.").Entity("Jose Perez", EntityType.PER).Build();
        var person = Assert.Single(new EntityResolver().Resolve([a, b]).Entities);
        Assert.Equal(2, person.Aliases.Count);
    }
}
