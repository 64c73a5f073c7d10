using System.Runtime.CompilerServices;

namespace Dossier.Ingest;

/// <summary>
/// Reads files and folders (recursively), one document at a time: plain text and Markdown, HTML pages, RSS and Atom
/// feeds, JSON Lines and WARC archives, any of them gzipped. A file's kind comes from its extension (".gz" removed) or,
/// for other extensions, from its first bytes. Containers yield a document per item, with ids "stem-n" (or the item's
/// own short id) and a skip per bad item ("path:line N", "path#record N"), and reading goes on.
/// A feed item whose content is only a teaser is held back to the end of the run and dropped if the page it links to
/// was among the inputs (an HTML file declaring that canonical URL, a WARC record or JSON line with that URL).
/// </summary>
public sealed class FileSource(FileSourceOptions? options = null)
{
    private readonly FileSourceOptions _options = options ?? new FileSourceOptions();

    public FileSourceOptions Options => _options;

    /// <summary>What one run has handed out so far: ids, the URLs of pages read, teaser feed items held back.</summary>
    private sealed class Run
    {
        // Ids already handed out in this run, so a later namesake gets a stable suffix.
        public readonly HashSet<string> UsedIds = new(StringComparer.Ordinal);
        public readonly HashSet<string> PageUrls = new(StringComparer.Ordinal);
        public readonly List<SourceDocument> HeldBack = [];
    }

    public async IAsyncEnumerable<IngestResult> ReadAsync(
        IEnumerable<string> paths, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var run = new Run();
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
                foreach (var result in ReadFile(path, run, cancellationToken)) yield return result;
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
                    foreach (var result in ReadFile(file, run, cancellationToken)) yield return result;
                }
            }
            else
            {
                yield return IngestResult.Skip(path, "not found");
            }
            // Files are read through synchronous streams; the asynchronous signature is the seam callers consume.
            await Task.CompletedTask.ConfigureAwait(false);
        }
        foreach (var teaser in run.HeldBack)
        {
            if (run.PageUrls.Contains(PageKey(teaser.Hints.Url!))) continue;
            yield return string.IsNullOrWhiteSpace(teaser.Text)
                ? IngestResult.Skip(teaser.Path, $"feed item {teaser.Id} has no content and its page is not among the inputs")
                : IngestResult.Read(teaser);
        }
    }

    /// <summary>A URL as pages and feed links are matched: scheme, "www." and a trailing slash or fragment do not count.</summary>
    public static string PageKey(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return url.Trim();
        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
        var path = uri.AbsolutePath.TrimEnd('/');
        return host + (uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)) + path + uri.Query;
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
        var extension = Path.GetExtension(InputFile.WithoutGz(name));
        foreach (var candidate in _options.TextExtensions)
            if (string.Equals(extension, candidate, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private enum Kind { Text, Html, Feed, JsonLines, Warc }

    private IEnumerable<IngestResult> ReadFile(string path, Run run, CancellationToken cancellationToken)
    {
        var named = InputFile.WithoutGz(path);
        var stem = Path.GetFileNameWithoutExtension(named);
        Kind kind;
        string? failure = null;
        try { kind = KindOf(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            failure = ex.Message;
            kind = Kind.Text;
        }
        if (failure is not null)
        {
            yield return IngestResult.Skip(path, failure);
            yield break;
        }
        if (kind is Kind.Text or Kind.Html)
        {
            yield return ReadDocument(path, kind, run);
            yield break;
        }

        Stream? stream = null;
        try { stream = InputFile.Open(path, kind == Kind.Feed ? _options.MaxBytes : null, _options.MaxCompressionRatio); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            failure = ex.Message;
        }
        if (stream is null)
        {
            yield return IngestResult.Skip(path, failure ?? "unreadable");
            yield break;
        }
        using (stream)
        {
            if (kind == Kind.Feed)
            {
                var anything = false;
                foreach (var entry in FeedReader.Read(stream, path, stem, _options.MaxBytes))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    anything = true;
                    if (entry.Result.Document is not { } item) { yield return entry.Result; continue; }
                    item = item with { Id = UniqueId(item.Id, run.UsedIds) };
                    if (entry.ContentIsShort && item.Hints.Url is not null) run.HeldBack.Add(item);
                    else yield return IngestResult.Read(item);
                }
                if (!anything) yield return IngestResult.Skip(path, "feed without items");
                yield break;
            }
            var items = kind == Kind.Warc
                ? WarcReader.Read(stream, path, stem, _options.MaxBytes)
                : JsonLinesReader.Read(stream, path, stem, _options.MaxBytes);
            var count = 0;
            foreach (var result in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                count++;
                if (result.Document is not { } document) { yield return result; continue; }
                if (document.Hints.Url is { } url) run.PageUrls.Add(PageKey(url));
                yield return IngestResult.Read(document with { Id = UniqueId(document.Id, run.UsedIds) });
            }
            if (count == 0) yield return IngestResult.Skip(path, kind == Kind.Warc ? "no HTML pages in the archive" : "empty");
        }
    }

    /// <summary>A file holding one document: read whole (within the size limit), decoded, checked for binary content.</summary>
    private IngestResult ReadDocument(string path, Kind kind, Run run)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > _options.MaxBytes)
                return IngestResult.Skip(path, $"too large: {length} bytes, limit {_options.MaxBytes}");
            using var stream = InputFile.Open(path, _options.MaxBytes, _options.MaxCompressionRatio);
            bytes = InputFile.ReadAll(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException)
        {
            return IngestResult.Skip(path, ex.Message);
        }

        var text = kind == Kind.Html ? HtmlText.Decode(bytes, null) : TextDecoder.Decode(bytes);
        if (TextDecoder.LooksBinary(text, _options.MaxControlShare)) return IngestResult.Skip(path, "binary file");
        if (text.AsSpan().IsWhiteSpace()) return IngestResult.Skip(path, "empty");

        var named = InputFile.WithoutGz(path);
        var id = UniqueId(Path.GetFileNameWithoutExtension(named), run.UsedIds);
        if (kind == Kind.Html)
        {
            if (HtmlHead.DeclaredUrl(text) is { } url) run.PageUrls.Add(PageKey(url));
            return IngestResult.Read(new SourceDocument(id, path, "html", text));
        }
        return IngestResult.Read(new SourceDocument(id, path, FormatOf(named), text));
    }

    /// <summary>The kind of file: by extension (".gz" removed), else by its first bytes.</summary>
    private Kind KindOf(string path)
    {
        if (KindByName(path) is { } named) return named;
        byte[] head;
        using (var stream = InputFile.Open(path, null, _options.MaxCompressionRatio))
        {
            head = new byte[1024];
            head = head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        }
        return Sniff(head);
    }

    private static Kind? KindByName(string path) => Path.GetExtension(InputFile.WithoutGz(path)).ToLowerInvariant() switch
    {
        ".html" or ".htm" or ".xhtml" or ".shtml" => Kind.Html,
        ".xml" or ".rss" or ".atom" or ".feed" or ".rdf" => Kind.Feed,
        ".jsonl" or ".ndjson" => Kind.JsonLines,
        ".warc" => Kind.Warc,
        ".txt" or ".text" or ".md" or ".markdown" => Kind.Text,
        _ => null,
    };

    /// <summary>
    /// What one file's (decompressed) content is, judged as <see cref="ReadAsync"/> judges it: "text", "markdown",
    /// "html", "feed", "jsonl" or "warc".
    /// </summary>
    public static string ContentFormat(string path, ReadOnlySpan<byte> content) => (KindByName(path) ?? Sniff(content[..Math.Min(content.Length, 1024)])) switch
    {
        Kind.Html => "html",
        Kind.Feed => "feed",
        Kind.JsonLines => "jsonl",
        Kind.Warc => "warc",
        _ => FormatOf(InputFile.WithoutGz(path)),
    };

    /// <summary>What the first bytes of a file say it is: a WARC, a feed, an HTML page, JSON Lines, or text.</summary>
    private static Kind Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        head = head.TrimStart(" \t\r\n"u8);
        if (head.StartsWith("WARC/"u8)) return Kind.Warc;
        if (head.StartsWith("{"u8)) return Kind.JsonLines;
        if (!head.StartsWith("<"u8)) return Kind.Text;
        var text = System.Text.Encoding.Latin1.GetString(head).ToLowerInvariant();
        foreach (var tag in HtmlHead.Tags(text))
        {
            if (tag.Name is "rss" or "feed" or "rdf") return Kind.Feed;
            // Other XML goes to the feed reader, which names its root element in the skip; HTML goes to the page reader.
            return text.StartsWith("<?xml", StringComparison.Ordinal) && tag.Name != "html" ? Kind.Feed : Kind.Html;
        }
        // No element at all, or only a declaration or a comment so far.
        return text.Contains("<!doctype html", StringComparison.Ordinal) ? Kind.Html : Kind.Text;
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

    /// <summary>"markdown" for .md and .markdown (also gzipped), else "text".</summary>
    public static string FormatOf(string path)
    {
        var extension = Path.GetExtension(InputFile.WithoutGz(path));
        return extension.Equals(".md", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".markdown", StringComparison.OrdinalIgnoreCase) ? "markdown" : "text";
    }
}
