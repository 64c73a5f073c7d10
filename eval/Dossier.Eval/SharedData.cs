namespace Dossier.Eval;

/// <summary>
/// Finds the ../shared folder beside the repository, whatever the working directory (or DOSSIER_SHARED when set).
/// Evaluations and tests read it at run time; nothing from it is copied into the repository.
/// </summary>
public static class SharedData
{
    public static string? TryLocate()
    {
        var env = Environment.GetEnvironmentVariable("DOSSIER_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "data"))) return Path.GetFullPath(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared");
            if (Directory.Exists(Path.Combine(candidate, "data"))) return Path.GetFullPath(candidate);
        }
        return null;
    }

    public static string Locate() => TryLocate() ?? throw new DirectoryNotFoundException("../shared not found; set DOSSIER_SHARED");
}
