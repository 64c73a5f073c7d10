using System.IO.Compression;
using System.Text;

namespace Dossier.Eval.Hostile;

/// <summary>What a hostile input must come to: an article read anyway, or a skip whose reason names the problem.</summary>
public enum HostileOutcome { Article, Skipped, SomeItemsSkipped }

/// <summary>One file of the hostile corpus: what it is and what Dossier must make of it.</summary>
public sealed record HostileInput(string Name, string What, HostileOutcome Expect, string? Reason = null);

/// <summary>
/// Writes inputs that attack or break a reader, each beside a sound article, so a run over the folder shows that each
/// gets a bounded, clear outcome and the rest of the batch goes on. The sound text comes from the seeds in ../shared
/// at build time; nothing of it is kept in the project.
/// </summary>
public static class HostileCorpus
{
    public static IReadOnlyList<HostileInput> Build(string folder, string shared, bool hugePage = true)
    {
        Directory.CreateDirectory(folder);
        var seed = File.ReadAllText(Directory.GetFiles(Path.Combine(shared, "corpus", "seeds"), "*.txt").Order(StringComparer.Ordinal).First());
        var paragraphs = seed.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (paragraphs.Length < 5) throw new InvalidDataException("the first seed article should have five paragraphs or more");
        var body = string.Concat(paragraphs.Skip(1).Take(6).Select(p => "<p>" + System.Net.WebUtility.HtmlEncode(p) + "</p>\n"));
        var page = $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{System.Net.WebUtility.HtmlEncode(paragraphs[0])}</title></head><body><article><h1>{System.Net.WebUtility.HtmlEncode(paragraphs[0])}</h1>{body}</article></body></html>";
        var inputs = new List<HostileInput>();

        void Text(string name, string what, HostileOutcome expect, string content, string? reason = null) => Bytes(name, what, expect, Encoding.UTF8.GetBytes(content), reason);
        void Bytes(string name, string what, HostileOutcome expect, byte[] content, string? reason = null)
        {
            File.WriteAllBytes(Path.Combine(folder, name), content);
            inputs.Add(new HostileInput(name, what, expect, reason));
        }

        Text("sound.html", "a sound page: must be read whatever its neighbours do", HostileOutcome.Article, page);
        Text("truncated.html", "a page cut off inside a tag", HostileOutcome.Article, page[..(page.Length * 2 / 3)] + "<p class=\"x");
        Text("malformed.html", "unclosed and misnested tags, stray end tags, broken attributes", HostileOutcome.Article,
            "<html><body><div><p>" + string.Join("<b><i></b></i></p></div></span><p a=\"b c='d>", paragraphs.Skip(1).Take(4)) + "</td></tr></table>");
        var deep = new StringBuilder("<html><body>");
        for (var i = 0; i < 100_000; i++) deep.Append("<div>");
        deep.Append(body);
        for (var i = 0; i < 100_000; i++) deep.Append("</div>");
        Text("deep.html", "100,000 nested elements", HostileOutcome.Article, deep.Append("</body></html>").ToString());
        if (hugePage)
        {
            var chunk = Encoding.UTF8.GetBytes(body);
            // One article of the body repeated to the size given, written as it goes (never held whole).
            void Article(string name, long bytes)
            {
                using var page = File.Create(Path.Combine(folder, name));
                page.Write("<html><body><article>"u8);
                for (long written = 0; written < bytes; written += chunk.Length) page.Write(chunk);
                page.Write("</article></body></html>"u8);
            }
            Article("huge.html", 100L * 1024 * 1024);
            inputs.Add(new HostileInput("huge.html", "a 100 MB page", HostileOutcome.Skipped, "too large"));
            // Under the size cap, but 45 MB of article text: more than one document's work may cost.
            Article("sprawl.html", 45L * 1024 * 1024);
            inputs.Add(new HostileInput("sprawl.html", "a 45 MB article: under the size cap, over the per-document limits", HostileOutcome.Skipped, "limit hit"));
        }
        var invalid = Encoding.UTF8.GetBytes(string.Join("\n\n", paragraphs.Take(4))).ToList();
        for (var i = 40; i < invalid.Count; i += 97) invalid[i] = 0xC3; // lead bytes without their continuation
        Bytes("invalid-utf8.txt", "invalid UTF-8 sequences throughout", HostileOutcome.Article, [.. invalid]);
        Bytes("mixed-encoding.txt", "half UTF-8, half windows-1252", HostileOutcome.Article,
            [.. Encoding.UTF8.GetBytes(paragraphs[0] + "\n\nCafé owners in Zürich said " + paragraphs[1] + "\n\n"),
             .. Encoding.Latin1.GetBytes("Caf\u00e9 owners in Z\u00fcrich said " + paragraphs[2])]);
        // NUL never occurs in text: a file holding it is taken for binary and skipped as such.
        Text("nul.txt", "NUL bytes inside the text", HostileOutcome.Skipped, string.Join("\0\n\n", paragraphs.Take(4)).Replace(" the ", " the\0"), "binary");

        using (var bomb = new MemoryStream())
        {
            using (var gzip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var zeros = new byte[1 << 20];
                for (var i = 0; i < 1024; i++) gzip.Write(zeros); // 1 GB of zeros
            }
            Bytes("bomb.html.gz", "a gzip bomb: 1 GB of zeros in about 1 MB", HostileOutcome.Skipped, bomb.ToArray(), "gzip bomb");
        }
        Bytes("truncated.txt.gz", "a gzip stream cut in half", HostileOutcome.Skipped, Gzip(Encoding.UTF8.GetBytes(seed))[..200], "gzip");

        const string item = "<item><title>Harbour fire contained</title><link>https://news.example/fire</link><description>Crews contained the harbour fire on Tuesday.</description></item>";
        Text("dtd.xml", "a feed with a DOCTYPE and an internal entity", HostileOutcome.Skipped,
            $"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY who \"crews\">]><rss version=\"2.0\"><channel><title>T</title>{item.Replace("Crews", "&who;")}</channel></rss>", "DTD");
        Text("xxe.xml", "a feed with an external entity reading /etc/passwd (XXE)", HostileOutcome.Skipped,
            $"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&x;</title>{item}</channel></rss>", "DTD");
        var laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY l0 \"lol\">");
        for (var i = 1; i <= 9; i++) laughs.Append($"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        Text("laughs.xml", "billion laughs: nested entities expanding to 3 GB", HostileOutcome.Skipped,
            laughs.Append($"]><rss version=\"2.0\"><channel><title>&l9;</title>{item}</channel></rss>").ToString(), "DTD");

        Text("broken.jsonl", "JSON Lines with broken lines between sound ones", HostileOutcome.SomeItemsSkipped,
            Jsonl(paragraphs[0], paragraphs[1]) + "\n{\"title\": \"cut off\", \"text\": \"no end\n" + "not json at all\n" + Jsonl(paragraphs[2], paragraphs[3]) + "\n[1, 2, 3]\n", "line");
        var record = Warc(page, "https://news.example/a");
        Bytes("truncated.warc", "a WARC archive whose second record is cut off", HostileOutcome.SomeItemsSkipped, [.. record, .. Warc(page, "https://news.example/b")[..400]], "truncated");
        var lying = Encoding.ASCII.GetString(Warc(page, "https://news.example/c")).Replace("Content-Length: ", "Content-Length: 9");
        Bytes("lying.warc", "a WARC record whose Content-Length claims more than the file holds", HostileOutcome.Skipped, Encoding.ASCII.GetBytes(lying), "truncated");
        return inputs;

        static string Jsonl(string title, string text) => System.Text.Json.JsonSerializer.Serialize(new { title, text });
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>A WARC/1.1 response record holding an HTTP response with the page.</summary>
    private static byte[] Warc(string page, string url)
    {
        var http = Encoding.UTF8.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
        var head = Encoding.ASCII.GetBytes(
            $"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-11-29T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{new Guid(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(url)))}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {http.Length}\r\n\r\n");
        return [.. head, .. http, .. "\r\n\r\n"u8];
    }
}
