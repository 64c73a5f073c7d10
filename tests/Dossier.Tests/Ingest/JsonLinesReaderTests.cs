using System.Text;
using Dossier.Ingest;
using Xunit;

namespace Dossier.Tests.Ingest;

public sealed class JsonLinesReaderTests
{
    private static List<IngestResult> Read(string jsonl, long maxLineBytes = 1_000_000)
        => JsonLinesReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), "items.jsonl", "items", maxLineBytes).ToList();

    [Fact]
    public void Lines_become_documents_with_their_hints()
    {
        var jsonl = string.Join("\n",
            """{"url":"https://a.example/1","title":"First","text":"Body one.","published":"2024-02-03T04:05:06Z","author":"Ann Lee","language":"en","site":"A News"}""",
            """{"url":"https://a.example/2","title":"Second","html":"<p>Body two.</p>","date":"Sat, 03 Feb 2024 10:00:00 GMT","authors":["Bo Chan",{"name":"Cy Dee"}]}""",
            """{"title":"Third","content":"Body three.","publishedAt":1706954706,"lang":"fr"}""",
            """{"id":"story-77","body":"Body four."}""");

        var results = Read(jsonl);

        Assert.Empty(results.Skips());
        var documents = results.Documents();
        Assert.Equal(["items-1", "items-2", "items-3", "items-story-77"], documents.Select(d => d.Id));
        Assert.Equal(["text", "html", "text", "text"], documents.Select(d => d.Format));
        Assert.Equal(["Body one.", "<p>Body two.</p>", "Body three.", "Body four."], documents.Select(d => d.Text));
        Assert.Equal("https://a.example/1", documents[0].Hints.Url);
        Assert.Equal("First", documents[0].Hints.Title);
        Assert.Equal(new DateTimeOffset(2024, 2, 3, 4, 5, 6, TimeSpan.Zero), documents[0].Hints.Published);
        Assert.Equal(["Ann Lee"], documents[0].Hints.Authors);
        Assert.Equal("en", documents[0].Hints.Language);
        Assert.Equal("A News", documents[0].Hints.Site);
        Assert.Equal(["Bo Chan", "Cy Dee"], documents[1].Hints.Authors);
        Assert.Equal(new DateTimeOffset(2024, 2, 3, 10, 0, 0, TimeSpan.Zero), documents[1].Hints.Published);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1706954706), documents[2].Hints.Published);
        Assert.Equal("fr", documents[2].Hints.Language);
    }

    [Fact]
    public void Each_bad_line_is_its_own_skip_and_reading_goes_on()
    {
        var jsonl = "{\"text\":\"one\"}\r\n{broken\r\n\r\n[1,2]\n{\"title\":\"no body\"}\n{\"text\":\"  \"}\n{\"text\":\"last\"}";

        var results = Read(jsonl);

        Assert.Equal(["one", "last"], results.Documents().Select(d => d.Text));
        Assert.Equal(["items.jsonl:line 2", "items.jsonl:line 4", "items.jsonl:line 5", "items.jsonl:line 6"], results.Skips().Select(s => s.Path));
        Assert.StartsWith("not JSON", results.Skips()[0].Reason, StringComparison.Ordinal);
        Assert.Equal("not a JSON object", results.Skips()[1].Reason);
        Assert.Equal("no text or html", results.Skips()[2].Reason);
    }

    [Fact]
    public void A_line_over_the_limit_is_skipped_without_holding_it()
    {
        var jsonl = "{\"text\":\"before\"}\n{\"text\":\"" + new string('x', 300_000) + "\"}\n{\"text\":\"after\"}\n";

        var results = Read(jsonl, maxLineBytes: 1000);

        Assert.Equal(["before", "after"], results.Documents().Select(d => d.Text));
        var skip = Assert.Single(results.Skips());
        Assert.Equal("items.jsonl:line 2", skip.Path);
        Assert.Contains("too long", skip.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_wins_over_text_when_both_are_given()
    {
        var document = Assert.Single(Read("""{"html":"<p>Marked up.</p>","text":"Marked up."}""")).Document!;

        Assert.Equal("html", document.Format);
    }
}
