using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Dossier.Ingest;

/// <summary>One feed item read: its document (or skip) and whether its content is too short to stand for the article.</summary>
public sealed record FeedEntry(IngestResult Result, bool ContentIsShort)
{
    /// <summary>The item's own id (RSS guid, Atom id) as the feed gives it, if any: what a watcher remembers items by.</summary>
    public string? ItemId { get; init; }
}

/// <summary>
/// Reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom feeds as a stream, item by item. Document type definitions are
/// ignored and no external resource is ever fetched, so an entity defined in a DTD (XXE, "billion laughs") is an
/// undeclared entity and the feed is skipped at once with that reason. Each item becomes a document: its full content
/// (content:encoded, Atom content) where the feed carries it, else its description or summary; HTML content is an
/// "html" document. Title, link, date, authors and the feed's title and language go into the hints.
/// </summary>
public static partial class FeedReader
{
    /// <summary>Items with less visible text than this are teasers: the page, when it is among the inputs, wins.</summary>
    public const int ShortContentChars = 500;

    private const string ContentModule = "http://purl.org/rss/1.0/modules/content/";

    /// <summary>The items of the feed in <paramref name="stream"/>; skips carry "path#item N" or the feed's path.</summary>
    public static IEnumerable<FeedEntry> Read(Stream stream, string path, string idBase, long maxChars)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersInDocument = maxChars,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        WebEncodings.EnsureRegistered(); // an XML declaration may name windows-1251 or another legacy code page
        XmlReader reader;
        var feed = new FeedState();
        string? failure = null;
        try { reader = XmlReader.Create(stream, settings); }
        catch (Exception ex) when (ex is XmlException or IOException) { failure = ex.Message; reader = null!; }
        if (failure is not null)
        {
            yield return new FeedEntry(IngestResult.Skip(path, failure), false);
            yield break;
        }
        using (reader)
        {
            var ordinal = 0;
            while (true)
            {
                XElement? item = null;
                try { item = NextItem(reader, feed); }
                catch (XmlException ex) { failure = Explain(ex); }
                catch (IOException ex) { failure = ex.Message; }
                catch (UnexpectedRootException ex) { failure = ex.Message; }
                // System.Xml throws ArgumentOutOfRangeException, not XmlException, on some garbled XML declarations (found by fuzzing).
                catch (ArgumentOutOfRangeException ex) { failure = "bad feed XML: " + ex.Message; }
                if (failure is not null)
                {
                    yield return new FeedEntry(IngestResult.Skip(ordinal == 0 ? path : $"{path}#item {ordinal + 1}", failure), false);
                    yield break;
                }
                if (item is null) yield break;
                ordinal++;
                yield return ReadItem(item, feed, path, idBase, ordinal);
            }
        }
    }

    private static string Explain(XmlException ex)
        => ex.Message.Contains("entity", StringComparison.OrdinalIgnoreCase)
            ? "bad feed XML (DTDs and their entities are not processed): " + ex.Message
            : ex.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal) || ex.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase)
                ? "feed too large: " + ex.Message
                : "bad feed XML: " + ex.Message;

    private sealed class UnexpectedRootException(string message) : Exception(message);

    /// <summary>What the feed says of itself, gathered while reading up to its items.</summary>
    private sealed class FeedState
    {
        public string? Kind;
        public string? Title;
        public string? Language;
    }

    private static XElement? NextItem(XmlReader reader, FeedState feed)
    {
        if (reader.ReadState == ReadState.Initial) reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element) { reader.Read(); continue; }
            var name = reader.LocalName;
            if (feed.Kind is null)
            {
                feed.Kind = name switch
                {
                    "rss" => "rss",
                    "feed" => "atom",
                    "RDF" => "rdf",
                    _ => throw new UnexpectedRootException($"not a feed: root element <{reader.Name}>"),
                };
                feed.Language = reader.GetAttribute("xml:lang");
                reader.Read();
                continue;
            }
            if (name is "item" or "entry") return (XElement)XNode.ReadFrom(reader);
            // The feed's own title and language sit at the channel (RSS) or feed (Atom) level, before the items.
            if (reader.Depth <= 2 && name == "title" && feed.Title is null) { feed.Title = Clean(reader.ReadElementContentAsString()); continue; }
            if (reader.Depth <= 2 && name == "language" && feed.Language is null) { feed.Language = Clean(reader.ReadElementContentAsString()); continue; }
            if (reader.Depth == 2 && name is "image" or "textinput" or "textInput") { reader.Skip(); continue; }
            reader.Read();
        }
        return null;
    }

    private static FeedEntry ReadItem(XElement item, FeedState feed, string path, string idBase, int ordinal)
    {
        var title = Clean(StripTags(Child(item, "title")?.Value));
        var guid = Clean(Child(item, "guid")?.Value ?? Child(item, "id")?.Value);
        var link = Link(item, guid);
        var published = WebDates.Parse(Child(item, "pubDate")?.Value)
            ?? WebDates.Parse(Child(item, "published")?.Value)
            ?? WebDates.Parse(Child(item, "date")?.Value)
            ?? WebDates.Parse(Child(item, "issued")?.Value)
            ?? WebDates.Parse(Child(item, "updated")?.Value);
        var (format, content) = Content(item);
        var hints = new SourceHints
        {
            Url = link,
            Title = title,
            Published = published,
            Authors = Authors(item),
            Site = feed.Title,
            Language = feed.Language,
        };
        var where = $"{path}#item {ordinal}";
        if (string.IsNullOrWhiteSpace(content) && link is null)
            return new FeedEntry(IngestResult.Skip(where, "feed item without content or link"), false);
        var id = ContainerIds.Item(idBase, guid, ordinal);
        var text = TextDecoder.NormalizeLineEnds(content ?? "");
        var document = new SourceDocument(id, path, format, text) { Hints = hints };
        var visible = format == "html" ? VisibleLength(text) : text.Trim().Length;
        return new FeedEntry(IngestResult.Read(document), visible < ShortContentChars) { ItemId = guid };
    }

    /// <summary>Full content first (content:encoded, Atom content), then the description or summary.</summary>
    private static (string Format, string? Content) Content(XElement item)
    {
        foreach (var element in item.Elements())
            if (element.Name.LocalName == "encoded" && element.Name.NamespaceName == ContentModule && !string.IsNullOrWhiteSpace(element.Value))
                return ("html", element.Value);
        foreach (var name in (string[])["content", "summary", "description"])
        {
            var element = Child(item, name);
            if (element is null) continue;
            var type = (string?)element.Attribute("type") ?? (name == "description" ? "html" : "text");
            if (type.Equals("xhtml", StringComparison.OrdinalIgnoreCase))
            {
                var inner = string.Concat(element.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
                if (!string.IsNullOrWhiteSpace(inner)) return ("html", inner);
                continue;
            }
            if (string.IsNullOrWhiteSpace(element.Value)) continue;
            return (type.Contains("html", StringComparison.OrdinalIgnoreCase) ? "html" : "text", element.Value);
        }
        return ("text", null);
    }

    private static string? Link(XElement item, string? guid)
    {
        string? alternate = null;
        foreach (var element in item.Elements())
        {
            if (element.Name.LocalName != "link") continue;
            var href = (string?)element.Attribute("href");
            if (href is null)
            {
                if (AbsoluteUrl(element.Value) is { } text) return text;
                continue;
            }
            var rel = (string?)element.Attribute("rel") ?? "alternate";
            if (rel == "alternate" && AbsoluteUrl(href) is { } url) alternate ??= url;
        }
        if (alternate is not null) return alternate;
        // An RSS guid is a permalink unless it says otherwise.
        var guidElement = Child(item, "guid");
        var permalink = (string?)guidElement?.Attribute("isPermaLink");
        return permalink is null || permalink.Equals("true", StringComparison.OrdinalIgnoreCase) ? AbsoluteUrl(guid) : null;
    }

    private static string? AbsoluteUrl(string? value)
        => Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;

    private static IReadOnlyList<string> Authors(XElement item)
    {
        var authors = new List<string>();
        foreach (var element in item.Elements())
        {
            string? name = element.Name.LocalName switch
            {
                "creator" => element.Value,
                "author" when element.HasElements => element.Elements().FirstOrDefault(e => e.Name.LocalName == "name")?.Value,
                "author" => AuthorName(element.Value),
                _ => null,
            };
            name = Clean(name);
            if (name is not null && !authors.Contains(name, StringComparer.Ordinal)) authors.Add(name);
        }
        return authors;
    }

    /// <summary>RSS's author is an e-mail address, often with the name in brackets: "jo@example.com (Jo Bloggs)".</summary>
    private static string? AuthorName(string value)
    {
        var open = value.IndexOf('(');
        var close = value.LastIndexOf(')');
        if (open >= 0 && close > open) return value[(open + 1)..close];
        return value.Contains('@', StringComparison.Ordinal) ? null : value;
    }

    private static XElement? Child(XElement item, string localName)
        => item.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return WhiteSpace().Replace(value.Trim(), " ");
    }

    private static string? StripTags(string? value)
        => value is null || !value.Contains('<', StringComparison.Ordinal) ? value : WebUtility.HtmlDecode(Tag().Replace(value, " "));

    /// <summary>Characters of text an HTML fragment shows, runs of white space counted once.</summary>
    public static int VisibleLength(string html)
        => WhiteSpace().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim().Length;

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
