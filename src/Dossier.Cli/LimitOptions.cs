using System.CommandLine;
using System.Globalization;

namespace Dossier.Cli;

/// <summary>The per-document limits `analyze`, `cluster`, `ingest`, `worker` and `watch` share: `--doc-time` and `--doc-memory`.</summary>
internal sealed class LimitOptions
{
    public Option<string> Time { get; } = new("--doc-time")
    {
        Description = "Most time one document's extraction or annotation may take before it is skipped with the limit named (default 30s; none: no limit).",
        DefaultValueFactory = _ => "30s",
    };

    public Option<string> Memory { get; } = new("--doc-memory")
    {
        Description = "Most memory one document's extraction or annotation may allocate before it is skipped with the limit named (default 1G; K, M or G; none: no limit).",
        DefaultValueFactory = _ => "1G",
    };

    public LimitOptions()
    {
        Time.Validators.Add(result =>
        {
            if (ParseTime(result.GetValueOrDefault<string>()) is not { } time || (time != Timeout.InfiniteTimeSpan && time > TimeSpan.FromDays(1)))
                result.AddError($"--doc-time expects a duration such as 30s or 2m (at most 1d), or none, got '{result.GetValueOrDefault<string>()}'.");
        });
        Memory.Validators.Add(result =>
        {
            if (ParseBytes(result.GetValueOrDefault<string>()) is null) result.AddError($"--doc-memory expects a size such as 512M or 4G, or none, got '{result.GetValueOrDefault<string>()}'.");
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Time);
        command.Options.Add(Memory);
    }

    /// <summary>The limits from the command line (the validators have already refused what does not parse).</summary>
    public DocumentLimits Read(ParseResult parse) => new()
    {
        Time = ParseTime(parse.GetValue(Time)) ?? new DocumentLimits().Time,
        Memory = ParseBytes(parse.GetValue(Memory)) ?? new DocumentLimits().Memory,
    };

    internal static TimeSpan? ParseTime(string? text) =>
        IsNone(text) ? Timeout.InfiniteTimeSpan : Durations.Parse(text);

    /// <summary>Sizes as people write them: 4G, 512M, 64K, or a bare number of bytes.</summary>
    internal static long? ParseBytes(string? text)
    {
        if (IsNone(text)) return long.MaxValue;
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim().TrimEnd('B', 'b');
        if (text.Length == 0) return null;
        var shift = char.ToUpperInvariant(text[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        var number = shift == 0 ? text : text[..^1];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || double.IsInfinity(value)) return null;
        var bytes = value * Math.Pow(2, shift);
        return bytes >= long.MaxValue ? long.MaxValue : Math.Max(1, (long)bytes);
    }

    private static bool IsNone(string? text) => string.Equals(text?.Trim(), "none", StringComparison.OrdinalIgnoreCase);
}
