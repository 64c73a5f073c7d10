using System.Text;
using Dossier.Annotate;
using Dossier.Extract;
using Dossier.Ingest;
using Dossier.Model;

namespace Dossier.Tests.Fuzz;

/// <summary>A broken invariant found while running a fuzz target: thrown so the fuzzer counts it as a crash.</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);

/// <summary>
/// What each fuzz target does with one input, free of SharpFuzz so the regression tests replay the same code:
/// the fuzz project links this file. A reported bad input (a skip) is a normal outcome; any exception is a crash.
/// </summary>
public sealed class FuzzTargets
{
    public static readonly IReadOnlyList<string> Names = ["html", "feed", "warc", "annotate"];

    private readonly FileSourceOptions _options = new();
    private readonly ArticleExtractor _extractor;
    private readonly PlainTextExtractor _text = new();
    private readonly ArticleAnnotator _annotator;

    public FuzzTargets()
    {
        // A fixed "now" so a run replays the same way whenever it happens.
        var clock = FixedClock.AtDay(new DateOnly(2024, 6, 1));
        _extractor = new ArticleExtractor(clock);
        _annotator = ArticleAnnotator.CreateDefault(clock);
    }

    /// <summary>Runs <paramref name="target"/> on <paramref name="input"/>; throws on a crash or broken invariant.</summary>
    public void Run(string target, byte[] input)
    {
        switch (target)
        {
            case "html": Html(input); break;
            case "feed": Feed(input); break;
            case "warc": Warc(input); break;
            case "annotate": Annotate(input); break;
            default: throw new ArgumentException($"unknown target '{target}': one of {string.Join(", ", Names)}", nameof(target));
        }
    }

    /// <summary>An HTML file's bytes as FileSource reads one (decode, binary and empty checks, declared URL), then extraction.</summary>
    private void Html(byte[] input)
    {
        var text = HtmlText.Decode(input, null);
        if (TextDecoder.LooksBinary(text, _options.MaxControlShare) || text.AsSpan().IsWhiteSpace()) return;
        if (HtmlHead.DeclaredUrl(text) is { } url) FileSource.PageKey(url);
        CheckArticle(_extractor.Extract(new SourceDocument("fuzz", "fuzz.html", "html", text)));
    }

    private void Feed(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        foreach (var entry in FeedReader.Read(stream, "fuzz.xml", "fuzz", _options.MaxBytes)) CheckResult(entry.Result);
    }

    private void Warc(byte[] input)
    {
        using var stream = new MemoryStream(input, writable: false);
        foreach (var result in WarcReader.Read(stream, "fuzz.warc", "fuzz", _options.MaxBytes)) CheckResult(result);
    }

    private void Annotate(byte[] input)
    {
        var article = _text.Extract(new SourceDocument("fuzz", "fuzz.txt", "text", Encoding.UTF8.GetString(input)));
        CheckArticle(article);
        CheckAnnotations(_annotator.Annotate(article));
    }

    private static void CheckResult(IngestResult result)
    {
        if ((result.Document is null) == (result.Skipped is null))
            throw new FuzzInvariantException("a result is neither exactly a document nor exactly a skip");
        if (result.Skipped is { } skipped && string.IsNullOrWhiteSpace(skipped.Reason))
            throw new FuzzInvariantException("a skip without a reason");
    }

    private static void CheckArticle(Article article)
    {
        foreach (var block in article.Blocks) Inside(block.Span, article.Text, "block");
    }

    private static void CheckAnnotations(AnnotatedArticle annotated)
    {
        var text = annotated.Text;
        foreach (var sentence in annotated.Sentences)
        {
            Inside(sentence.Span, text, "sentence");
            if (sentence.FirstToken < 0 || sentence.EndToken > annotated.Tokens.Count)
                throw new FuzzInvariantException($"sentence tokens {sentence.FirstToken}..{sentence.EndToken} beyond {annotated.Tokens.Count}");
        }
        foreach (var token in annotated.Tokens) Inside(token.Span, text, "token");
        foreach (var mention in annotated.Entities) { Inside(mention.Span, text, "entity"); Inside(mention.Title, text, "entity title"); }
        foreach (var time in annotated.Times) Inside(time.Span, text, "time");
        foreach (var figure in annotated.Figures)
        {
            Inside(figure.Span, text, "figure");
            Inside(figure.UnitSpan, text, "figure unit");
            Inside(figure.VerbSpan, text, "figure verb");
            Inside(figure.AmountSpan, text, "figure amount");
            Inside(figure.SubjectSpan, text, "figure subject");
        }
        foreach (var quote in annotated.Quotes)
        {
            Inside(quote.Content, text, "quote");
            Inside(quote.Speaker, text, "quote speaker");
            Inside(quote.SpeakerName, text, "quote speaker name");
            Inside(quote.Via, text, "quote via");
        }
    }

    private static void Inside(TextSpan? span, string text, string what)
    {
        if (span is { } s && (s.Start < 0 || s.Length < 0 || s.End > text.Length))
            throw new FuzzInvariantException($"{what} span {s.Start}+{s.Length} outside a text of {text.Length}");
    }
}
