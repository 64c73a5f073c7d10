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

public sealed class EntityResolverIdentityTests
{
    private static StoryEntity Holding(ResolvedEntities resolved, string alias)
        => Assert.Single(resolved.Entities, e => e.Aliases.Contains(alias));

    [Fact]
    public void Titles_and_honorifics_are_set_aside_for_matching()
    {
        var a = new ArticleBuilder("a", "Defence Minister Andrei Belousov arrived. Mr. Belousov spoke.")
            .Entity("Defence Minister Andrei Belousov", EntityType.PER).Entity("Mr. Belousov", EntityType.PER).Build();
        var b = new ArticleBuilder("b", "Andrei Belousov, the minister, left.").Entity("Andrei Belousov", EntityType.PER).Build();
        var person = Assert.Single(new EntityResolver().Resolve([a, b]).Entities);
        Assert.Equal(3, person.Mentions.Count);
    }

    [Fact]
    public void A_name_with_a_middle_initial_is_the_same_person_unless_two_middles_compete()
    {
        var a = new ArticleBuilder("a", "Brian G. Nichols escaped. Nichols was caught.")
            .Entity("Brian G. Nichols", EntityType.PER).Entity("Nichols", EntityType.PER, 1).Build();
        var b = new ArticleBuilder("b", "Brian Nichols was sentenced.").Entity("Brian Nichols", EntityType.PER).Build();
        var person = Assert.Single(new EntityResolver().Resolve([a, b]).Entities);
        Assert.Equal(["a", "b"], person.Articles);
        Assert.Contains("Brian Nichols", person.Aliases);

        // Two different middle initials: two people, and the bare full name belongs to neither.
        var c = new ArticleBuilder("c", "Brian K. Nichols, his cousin, testified.").Entity("Brian K. Nichols", EntityType.PER).Build();
        var resolved = new EntityResolver().Resolve([a, b, c]);
        Assert.Equal(3, resolved.Entities.Count);
        Assert.Equal(["b"], Holding(resolved, "Brian Nichols").Articles);

        // Different first names are different people whatever the surname.
        var d = new ArticleBuilder("d", "Deborah Teasley spoke.").Entity("Deborah Teasley", EntityType.PER).Build();
        var e = new ArticleBuilder("e", "Sgt. Hoyt J. Teasley died.").Entity("Sgt. Hoyt J. Teasley", EntityType.PER).Build();
        Assert.Equal(2, new EntityResolver().Resolve([d, e]).Entities.Count);
    }

    [Fact]
    public void A_surname_that_is_also_a_country_joins_the_person()
    {
        var a = new ArticleBuilder("a", "Michael Jordan spoke. Jordan said he would stay.")
            .Entity("Michael Jordan", EntityType.PER).Entity("Jordan", EntityType.PER, 1).Build();
        var person = Assert.Single(new EntityResolver().Resolve([a]).Entities);
        Assert.Equal(2, person.Mentions.Count);
    }

    [Fact]
    public void Particles_and_title_like_surnames_stay_in_the_name()
    {
        var a = new ArticleBuilder("a", "Osama bin Laden and Larry King met. Apple CEO Tim Cook watched. Apple CEO smiled.")
            .Entity("Osama bin Laden", EntityType.PER).Entity("Larry King", EntityType.PER).Entity("Apple CEO Tim Cook", EntityType.PER)
            .Entity("Apple CEO", EntityType.PER, 1).Build();
        var b = new ArticleBuilder("b", "Osama Laden, Tim Cook and Larry left.")
            .Entity("Osama Laden", EntityType.PER).Entity("Tim Cook", EntityType.PER).Entity("Larry", EntityType.PER).Build();
        var resolved = new EntityResolver().Resolve([a, b]);
        Assert.Equal(["a"], Holding(resolved, "Osama bin Laden").Articles); // "bin" is part of the name
        Assert.Equal(["a", "b"], Holding(resolved, "Larry King").Articles);
        Assert.Equal(3, Holding(resolved, "Tim Cook").Mentions.Count); // the bare "Apple CEO" was said of him before his name
        Assert.Equal(4, resolved.Entities.Count);
    }

    [Fact]
    public void Two_people_with_one_surname_stay_two_and_a_bare_surname_elsewhere_joins_neither()
    {
        var a = new ArticleBuilder("a", "John Carter met Mary Carter. Later Carter left.")
            .Entity("John Carter", EntityType.PER).Entity("Mary Carter", EntityType.PER).Entity("Carter", EntityType.PER, 2).Build();
        var b = new ArticleBuilder("b", "Carter declined to comment.").Entity("Carter", EntityType.PER).Build();
        var c = new ArticleBuilder("c", "John Carter said yes. Carter smiled. John was pleased.")
            .Entity("John Carter", EntityType.PER).Entity("Carter", EntityType.PER, 1).Entity("John", EntityType.PER, 1).Build();
        var resolved = new EntityResolver().Resolve([a, b, c]);
        var john = Holding(resolved, "John Carter");
        var mary = Holding(resolved, "Mary Carter");
        Assert.NotEqual(john.Id, mary.Id);
        Assert.Equal(2, mary.Mentions.Count); // the nearest full name before "Carter" in article a
        Assert.Equal(4, john.Mentions.Count); // a's "John Carter", c's full name, surname and first name
        Assert.DoesNotContain("b", john.Articles);
        Assert.DoesNotContain("b", mary.Articles);
    }

    [Fact]
    public void A_surname_that_fits_one_person_joins_them_from_another_article()
    {
        var a = new ArticleBuilder("a", "John Carter arrived.").Entity("John Carter", EntityType.PER).Build();
        var b = new ArticleBuilder("b", "Carter declined to comment.").Entity("Carter", EntityType.PER).Build();
        var person = Assert.Single(new EntityResolver().Resolve([a, b]).Entities);
        Assert.Equal(["a", "b"], person.Articles);
    }

    [Fact]
    public void An_acronym_joins_its_expansion_and_the_names_of_one_country_are_one()
    {
        var a = new ArticleBuilder("a", "The Korean Central News Agency reported it. KCNA said the United States lied.")
            .Entity("Korean Central News Agency", EntityType.ORG).Entity("KCNA", EntityType.ORG).Entity("United States", EntityType.LOC).Build();
        var b = new ArticleBuilder("b", "KCNA blamed the U.S. and the US.")
            .Entity("KCNA", EntityType.ORG).Entity("U.S.", EntityType.LOC).Entity("US", EntityType.LOC).Build();
        var resolved = new EntityResolver().Resolve([a, b]);
        Assert.Equal(2, resolved.Entities.Count);
        Assert.Equal(3, Holding(resolved, "KCNA").Mentions.Count);
        Assert.Equal(3, Holding(resolved, "U.S.").Mentions.Count);
    }

    [Fact]
    public void An_acronym_defined_in_parentheses_joins_its_name()
    {
        var a = new ArticleBuilder("a", "the Royal Air Force (RAF) flew. The RAF landed.")
            .Entity("Royal Air Force (RAF)", EntityType.ORG).Entity("RAF", EntityType.ORG, 1).Build();
        var org = Assert.Single(new EntityResolver().Resolve([a]).Entities);
        Assert.Equal(2, org.Mentions.Count);
    }

    [Fact]
    public void A_description_in_apposition_becomes_an_alias_of_the_name()
    {
        var a = new ArticleBuilder("a", "Andrei Belousov, Russia's defence minister, arrived.")
            .Entity("Andrei Belousov", EntityType.PER).Build();
        var b = new ArticleBuilder("b", "Russia's defence minister said more. Russia's defence minister Andrei Belousov left.")
            .Entity("Russia's defence minister", EntityType.PER).Entity("Russia's defence minister Andrei Belousov", EntityType.PER).Build();
        var c = new ArticleBuilder("c", "The defence minister of Russia spoke. Sergei Shoigu, a former minister, also spoke.")
            .Entity("The defence minister of Russia", EntityType.PER).Entity("Sergei Shoigu", EntityType.PER).Build();
        var resolved = new EntityResolver().Resolve([a, b, c]);
        var belousov = Holding(resolved, "Andrei Belousov");
        Assert.Contains("russia's defence minister", belousov.Descriptions);
        Assert.Contains("Russia's defence minister", belousov.Aliases);
        Assert.Equal(3, belousov.Mentions.Count);
        Assert.NotEqual(belousov.Id, Holding(resolved, "The defence minister of Russia").Id); // other words, no apposition says whose
        Assert.Contains("former minister", Holding(resolved, "Sergei Shoigu").Descriptions);
    }

    [Fact]
    public void Capitals_and_demonyms_are_related_to_their_country_not_merged()
    {
        var a = new ArticleBuilder("a", "North Korea sent troops. Pyongyang denied it. Washington and Russian officials disagreed with the United States.")
            .Entity("North Korea", EntityType.LOC).Entity("Pyongyang", EntityType.LOC).Entity("Washington", EntityType.LOC)
            .Entity("Russian", EntityType.MISC).Entity("United States", EntityType.LOC).Build();
        var b = new ArticleBuilder("b", "Russia replied.").Entity("Russia", EntityType.LOC).Build();
        var resolved = new EntityResolver().Resolve([a, b]);
        Assert.Equal(6, resolved.Entities.Count);
        var korea = Holding(resolved, "North Korea");
        var pyongyang = Holding(resolved, "Pyongyang");
        Assert.Equal([new EntityRelation("capital-of", korea.Id)], pyongyang.Relations);
        Assert.Equal([new EntityRelation("capital-of", Holding(resolved, "United States").Id)], Holding(resolved, "Washington").Relations);
        Assert.Equal([new EntityRelation("demonym-of", Holding(resolved, "Russia").Id)], Holding(resolved, "Russian").Relations);
        Assert.Empty(korea.Relations);
    }

    [Fact]
    public void A_capital_without_its_country_in_the_story_has_no_relation()
    {
        var a = new ArticleBuilder("a", "Talks in Paris ended.").Entity("Paris", EntityType.LOC).Build();
        Assert.Empty(Assert.Single(new EntityResolver().Resolve([a]).Entities).Relations);
    }

    [Fact]
    public void A_bare_company_name_joins_its_longer_name_only_when_that_is_the_usual_one()
    {
        var a = new ArticleBuilder("a", "Northrop Grumman won. Northrop Grumman said Northrop was glad. Boeing lost. Boeing and Boeing Capital Corp said Boeing would appeal.")
            .Entities("Northrop Grumman", EntityType.ORG).Entity("Northrop", EntityType.ORG, 2)
            .Entity("Boeing", EntityType.ORG).Entity("Boeing", EntityType.ORG, 1).Entity("Boeing Capital Corp", EntityType.ORG).Entity("Boeing", EntityType.ORG, 3).Build();
        var resolved = new EntityResolver().Resolve([a]);
        Assert.Equal(3, Holding(resolved, "Northrop").Mentions.Count);
        Assert.Single(Holding(resolved, "Boeing Capital Corp").Mentions);
        Assert.Equal(3, Holding(resolved, "Boeing").Mentions.Count);
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
