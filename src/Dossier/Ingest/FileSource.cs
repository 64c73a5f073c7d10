using System.Runtime.CompilerServices;

namespace Dossier.Ingest;

/// <summary>Reads files and folders (recursively) of plain text and Markdown, one document at a time.</summary>
public sealed class FileSource(FileSourceOptions? options = null)
{
    private readonly FileSourceOptions _options = options ?? new FileSourceOptions();

    public FileSourceOptions Options => _options;

    public async IAsyncEnumerable<IngestResult> ReadAsync(
        IEnumerable<string> paths, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        // Ids already handed out in this run, so a later namesake gets a stable suffix.
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(path))
            {
                yield return IngestResult.Skip(path ?? "", "not found");
                continue;
            }
            if (File.Exists(path))
            {
                yield return await ReadFileAsync(path, usedIds, cancellationToken).ConfigureAwait(false);
            }
            else if (Directory.Exists(path))
            {
                List<string> files;
                string? listingError = null;
                try { files = ListFolder(path); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
                {
                    files = [];
                    listingError = ex.Message;
                }
                if (listingError is not null) yield return IngestResult.Skip(path, listingError);
                foreach (var file in files)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return await ReadFileAsync(file, usedIds, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                yield return IngestResult.Skip(path, "not found");
            }
        }
    }

    /// <summary>The text files under <paramref name="folder"/>, hidden entries left out, in ordinal order of relative path.</summary>
    private List<string> ListFolder(string folder)
    {
        var found = new List<(string Relative, string Full)>();
        var pending = new Stack<(string Full, string Relative)>();
        pending.Push((folder, ""));
        var enumeration = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            ReturnSpecialDirectories = false,
        };
        while (pending.Count > 0)
        {
            var (full, relative) = pending.Pop();
            foreach (var entry in new DirectoryInfo(full).EnumerateFileSystemInfos("*", enumeration))
            {
                if (entry.Name.StartsWith('.')) continue;
                var childRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                if (entry is DirectoryInfo)
                {
                    // Symbolic links to folders are not followed, so a link loop cannot hang the walk.
                    if (entry.LinkTarget is null) pending.Push((Path.Combine(full, entry.Name), childRelative));
                }
                else if (HasTextExtension(entry.Name))
                {
                    found.Add((childRelative, Path.Combine(full, entry.Name)));
                }
            }
        }
        found.Sort(static (a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return found.ConvertAll(static f => f.Full);
    }

    private bool HasTextExtension(string name)
    {
        var extension = Path.GetExtension(name);
        foreach (var candidate in _options.TextExtensions)
            if (string.Equals(extension, candidate, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private async Task<IngestResult> ReadFileAsync(string path, HashSet<string> usedIds, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > _options.MaxBytes)
                return IngestResult.Skip(path, $"too large: {length} bytes, limit {_options.MaxBytes}");
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            if (bytes.LongLength > _options.MaxBytes)
                return IngestResult.Skip(path, $"too large: {bytes.LongLength} bytes, limit {_options.MaxBytes}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return IngestResult.Skip(path, ex.Message);
        }

        var text = TextDecoder.Decode(bytes);
        if (TextDecoder.LooksBinary(text, _options.MaxControlShare)) return IngestResult.Skip(path, "binary file");
        if (text.AsSpan().IsWhiteSpace()) return IngestResult.Skip(path, "empty");

        var id = UniqueId(Path.GetFileNameWithoutExtension(path), usedIds);
        return IngestResult.Read(new SourceDocument(id, path, FormatOf(path), text));
    }

    private static string UniqueId(string baseId, HashSet<string> usedIds)
    {
        if (baseId.Length == 0) baseId = "document";
        if (usedIds.Add(baseId)) return baseId;
        for (var n = 2; ; n++)
        {
            var candidate = baseId + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (usedIds.Add(candidate)) return candidate;
        }
    }

    /// <summary>"markdown" for .md and .markdown, else "text".</summary>
    public static string FormatOf(string path)
    {
        var extension = Path.GetExtension(path);
        return extension.Equals(".md", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".markdown", StringComparison.OrdinalIgnoreCase) ? "markdown" : "text";
    }
}
