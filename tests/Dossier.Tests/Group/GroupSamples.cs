using System.Security.Cryptography;
using System.Text;
using Dossier.Model;

namespace Dossier.Tests.Group;

/// <summary>Small hand-written news reports (invented events) for the Group stage's tests.</summary>
internal static class GroupSamples
{
    public static Article Make(string id, string text, DateOnly? published = null) =>
        new(id, id + ".txt", text, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))))
        {
            Published = published is { } d ? new PublishedDate(d, DatePrecision.Day, DateSource.Metadata) : null,
        };

    public static AnnotatedArticle Bare(Article article) => new(article, [], [], [], [], [], []);

    public static AnnotatedArticle Bare(string id, string text) => Bare(Make(id, text));

    /// <summary>A wire report of a harbour fire, five paragraphs.</summary>
    public const string HarbourFire =
        "A fire tore through three warehouses at the Port of Gdansk on Tuesday night, sending thick black smoke over the old town and forcing the evacuation of about 400 dock workers, the regional fire service said.\n\n" +
        "Firefighters from across the Pomeranian region fought the blaze for more than nine hours before bringing it under control early on Wednesday. Two firefighters were treated in hospital for smoke inhalation, and no other injuries were reported.\n\n" +
        "The warehouses stored timber, paper rolls and plastic packaging awaiting export to Scandinavia, according to the port authority. Its spokeswoman, Marta Kowalczyk, said the damage would run to tens of millions of zloty but that shipping traffic had resumed on the eastern quays.\n\n" +
        "City officials advised residents of the nearby districts to keep their windows closed while air quality was measured. Readings taken on Wednesday morning showed levels of fine particles falling back toward normal, the environmental inspectorate said.\n\n" +
        "Prosecutors have opened an investigation into the cause of the fire. Investigators were examining an electrical switchboard in the first warehouse, where witnesses said the flames were first seen shortly after ten in the evening.";

    /// <summary>The same fire reported independently by another outlet: same facts, its own words.</summary>
    public const string HarbourFireOtherOutlet =
        "Hundreds of port employees were evacuated in Gdansk after a huge blaze engulfed several storage buildings late on Tuesday, in one of the worst fires the Baltic harbour has seen in decades.\n\n" +
        "Marta Kowalczyk, speaking for the port authority, told reporters the losses could reach tens of millions of zloty. She said timber and paper bound for Scandinavian buyers had been destroyed.\n\n" +
        "It took crews from all over Pomerania until Wednesday morning to contain the flames. Two firefighters needed hospital treatment after breathing in smoke.\n\n" +
        "Residents living close to the docks were told to stay indoors with windows shut. By Wednesday the inspectorate reported that pollution readings were improving.\n\n" +
        "A faulty switchboard is being looked at as a possible cause, and prosecutors in Gdansk have begun an inquiry, local media reported.";
}

/// <summary>The shared corpus beside the repository (../shared), read at run time and never copied in.</summary>
internal static class SharedCorpus
{
    public static string? Locate() => Dossier.Eval.SharedData.TryLocate();

    /// <summary>The seed articles as bare articles, ids from their file names; empty when ../shared is absent.</summary>
    public static IReadOnlyList<Article> Seeds()
    {
        if (Locate() is not { } shared) return [];
        return Directory.GetFiles(Path.Combine(shared, "corpus", "seeds"), "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(path => GroupSamples.Make(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path).Replace("\r\n", "\n")))
            .ToList();
    }
}
