namespace Dossier.Eval;

/// <summary>The options of one eval verb: flags and valued options, every other "--" word refused.</summary>
public sealed class EvalOptions
{
    private readonly string[] _args;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private EvalOptions(string[] args) => _args = args;

    public static EvalOptions Of(string[] args) => new(args);

    public bool Flag(string name)
    {
        _used.Add(name);
        return _args.Contains(name);
    }

    /// <summary>The value after <paramref name="name"/>, or null when the option is absent; a missing value is a usage error.</summary>
    public string? Value(string name)
    {
        _used.Add(name);
        var at = Array.IndexOf(_args, name);
        if (at < 0) return null;
        if (at + 1 >= _args.Length || _args[at + 1].StartsWith("--", StringComparison.Ordinal))
            throw new EvalUsageException($"{name} needs a value");
        _used.Add(_args[at + 1]);
        return _args[at + 1];
    }

    /// <summary>Words that are not a known option or its value: positional arguments, and unknown options to refuse.</summary>
    public IReadOnlyList<string> Rest => [.. _args.Where(a => !_used.Contains(a))];

    /// <summary>Throws when an option nobody asked for was given (a typo such as "--sytem").</summary>
    public void RefuseUnknown(string usage)
    {
        if (Rest.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal)) is { } unknown)
            throw new EvalUsageException($"{usage} (got {unknown})");
    }
}

/// <summary>Bad eval arguments: the verb prints the message and exits 2.</summary>
public sealed class EvalUsageException(string message) : Exception(message);
