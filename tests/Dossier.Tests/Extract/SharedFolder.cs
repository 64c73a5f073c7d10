namespace Dossier.Tests.Extract;

/// <summary>Finds ../shared beside the repository at run time; nothing from it is copied into the repository.</summary>
internal static class SharedFolder
{
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared");
            if (Directory.Exists(Path.Combine(candidate, "data"))) return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("../shared not found beside the repository");
    }
}
