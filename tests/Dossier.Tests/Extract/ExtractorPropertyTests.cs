using CsCheck;
using Dossier.Extract;
using Dossier.Ingest;
using Xunit;

namespace Dossier.Tests.Extract;

public sealed class ExtractorPropertyTests
{
    // Characters that exercise markup, furniture rules, line ends and composition.
    private static readonly Gen<string> Noisy = Gen.String[Gen.Char["ab AZ.!?:,\n\r\t#*_[]()!<>-`~|&;@/\u0301\u0308\u00A9\u201C\u201D\u0000\u0085\uFEFF0123"], 0, 300];

    [Theory]
    // Markdown's character references decoded to what the text had been cleaned of (a NUL from "&\0#0;").
    [InlineData("1b[|3[&\u0000#0;-!#_b.")]
    [InlineData("a &#13; b &#xFEFF; c &#0; d")]
    public void Character_references_never_bring_back_what_was_cleaned(string input)
    {
        var text = new PlainTextExtractor().Extract(new SourceDocument("p", "p.md", "markdown", input)).Text;
        Assert.DoesNotContain('\0', text);
        Assert.DoesNotContain('\r', text);
        Assert.DoesNotContain('\uFEFF', text);
    }

    [Fact]
    public void Any_input_gives_a_clean_well_formed_text_the_same_way_twice()
    {
        var extractor = new PlainTextExtractor();
        foreach (var format in new[] { "text", "markdown" })
        {
            Noisy.Sample(input =>
            {
                var document = new SourceDocument("p", "p.txt", format, input);
                var article = extractor.Extract(document);
                var again = extractor.Extract(document);
                return article.Text == again.Text
                    && article.ContentHash == again.ContentHash
                    && article.Title == again.Title
                    && !article.Text.Contains("\n\n\n", StringComparison.Ordinal)
                    && !article.Text.StartsWith('\n') && !article.Text.EndsWith('\n')
                    && !article.Text.Contains('\r') && !article.Text.Contains('\0') && !article.Text.Contains('\uFEFF')
                    && (article.Title is null || !article.Title.Contains('\n'));
            }, iter: 1000, threads: 1);
        }
    }
}
