using System.Globalization;

namespace Dossier.Store;

/// <summary>Which database a store is: a SQLite file, or a PostgreSQL server.</summary>
public enum StoreKind { Sqlite, Postgres }

/// <summary>
/// A store as the reader names it: a file path (SQLite), or a PostgreSQL URL (postgres://user:pass@host:port/db) or
/// connection string (Host=...). From --store, else the DOSSIER_STORE environment variable, else ./dossier.db.
/// </summary>
public sealed record StoreLocation(StoreKind Kind, string Target)
{
    public const string EnvironmentVariable = "DOSSIER_STORE";
    public const string DefaultPath = "dossier.db";

    /// <summary>The store named by <paramref name="option"/>, else by <paramref name="environment"/>, else the default file.</summary>
    public static StoreLocation Resolve(string? option, string? environment) =>
        Parse(!string.IsNullOrWhiteSpace(option) ? option : !string.IsNullOrWhiteSpace(environment) ? environment : DefaultPath);

    public static StoreLocation Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec = spec.Trim();
        if (spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new StoreLocation(StoreKind.Postgres, PostgresConnectionString(spec));
        if (spec.Contains("Host=", StringComparison.OrdinalIgnoreCase) && spec.Contains('='))
            return new StoreLocation(StoreKind.Postgres, spec);
        return new StoreLocation(StoreKind.Sqlite, spec);
    }

    /// <summary>postgres://user:pass@host:port/db?sslmode=... as an Npgsql connection string.</summary>
    public static string PostgresConnectionString(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new FormatException($"not a PostgreSQL URL: {Redact(url)}");
        var parts = new List<string> { "Host=" + uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0) parts.Add("Port=" + uri.Port.ToString(CultureInfo.InvariantCulture));
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            parts.Add("Username=" + Quote(user));
            if (colon >= 0) parts.Add("Password=" + Quote(Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..])));
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length > 0) parts.Add("Database=" + Quote(database));
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            var key = Uri.UnescapeDataString(pair[..eq]);
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase)) parts.Add("SSL Mode=" + Quote(Uri.UnescapeDataString(pair[(eq + 1)..])));
        }
        return string.Join(';', parts);

        static string Quote(string value) => value.IndexOfAny([';', '=', '"', '\'']) >= 0 || value.Trim() != value
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    /// <summary>The location for messages: a password never shown.</summary>
    public override string ToString() => Kind == StoreKind.Sqlite ? Target : Redact(Target);

    private static string Redact(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"(?i)(password=)[^;]*|(://[^:/@]+:)[^@]*@", m => m.Groups[1].Success ? m.Groups[1].Value + "***" : m.Groups[2].Value + "***@");

    /// <summary>Opens the store, applying migrations.</summary>
    public async Task<IStoryStore> OpenAsync(TimeProvider clock, CancellationToken cancellationToken = default) => Kind switch
    {
        StoreKind.Sqlite => await SqliteStore.OpenAsync(Target, clock, cancellationToken),
        _ => await PostgresStore.OpenAsync(Target, clock, cancellationToken),
    };
}
