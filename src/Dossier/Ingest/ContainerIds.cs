namespace Dossier.Ingest;

/// <summary>Ids for the documents of a container: the container's name and the item's own short id or its number.</summary>
public static class ContainerIds
{
    /// <summary>"stem-guid" when the item's id is short and safe in a file name, else "stem-n".</summary>
    public static string Item(string idBase, string? itemId, int ordinal)
    {
        var trimmed = itemId?.Trim();
        if (trimmed is { Length: > 0 and <= 40 } && IsSafe(trimmed)) return idBase + "-" + trimmed;
        return idBase + "-" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsSafe(string id)
    {
        if (!char.IsAsciiLetterOrDigit(id[0])) return false;
        foreach (var c in id)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.')) return false;
        return true;
    }
}
