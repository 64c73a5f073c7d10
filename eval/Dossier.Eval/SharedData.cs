namespace Dossier.Eval;

/// <summary>Finds the ../shared folder beside the repository, whatever the working directory.</summary>
public static class SharedData
{
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared");
            if (Directory.Exists(Path.Combine(candidate, "data"))) return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("../shared not found; set DOSSIER_SHARED");
    }
}
