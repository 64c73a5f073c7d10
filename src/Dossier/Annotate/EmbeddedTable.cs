using System.Reflection;

namespace Dossier.Annotate;

/// <summary>The fact tables of data/ embedded in the library: tab-separated rows, '#' lines and blank lines skipped.</summary>
internal static class EmbeddedTable
{
    public static List<string[]> Rows(Assembly assembly, string file)
    {
        using var stream = assembly.GetManifestResourceStream("Dossier.Data." + file)
            ?? throw new InvalidOperationException($"embedded table {file} is missing");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            rows.Add(line.Split('\t'));
        }
        return rows;
    }
}
