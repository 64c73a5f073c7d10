using System.Globalization;
using System.Security;
using System.Text;
using CsCheck;
using Dossier.Annotate;
using Dossier.Extract;
using Dossier.Ingest;
using Dossier.Model;
using Dossier.Tests.Group;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Annotate;

/// <summary>
/// Hostile text through the annotators, the HTML extractor and the feed reader: nothing throws, every span lies inside
/// the text, sentences and tokens are ordered without overlap, and a second run gives the same layers.
/// </summary>
public sealed class AnnotatorPropertyTests
{
    private static readonly TimeProvider Clock = FixedClock.AtDay(new DateOnly(2026, 11, 22));
    private static readonly ArticleAnnotator Annotator = ArticleAnnotator.CreateDefault(Clock);
    private static readonly ArticleExtractor Extractor = new(Clock);

    // Sentences of the seed articles, so generated text mixes real prose (names, dates, figures, quotes) with noise.
    private static readonly Lazy<string[]> SeedSentences = new(() => SharedCorpus.Seeds()
        .SelectMany(a => ArticleAnnotator.Split(a.Text).Sentences.Select(s => s.Span.Of(a.Text)))
        .Where(s => s.Length > 20).ToArray());

    private static readonly Gen<string> Sentence = Gen.Int[0, int.MaxValue].Select(i => SeedSentences.Value.Length == 0
        ? "The minister said on Friday that 12,000 troops had been sent."
        : SeedSentences.Value[i % SeedSentences.Value.Length]);

    // Any UTF-16 code unit: lone surrogates, NUL, controls, private use and unassigned points come with it.
    private static readonly Gen<string> AnyUnits = Gen.String[Gen.Char, 0, 40];

    private static readonly Gen<string> Pieces = Gen.OneOf(
        "\u0301", "\u0308\u0327", "e\u0301\u0302\u0303", "\u05E9\u05DC\u05D5\u05DD", "\u0645\u0631\u062D\u0628\u0627", "\u202E", "\u202B", "\u200F", "\u200D",
        "\uD83D\uDE00", "\uD83C\uDDFA\uD83C\uDDF8", "\uD800", "\uDC00", "\uDBFF\uDFFF", "\0", "\u0001", "\u001B[31m", "\u0085", "\u2028", "\u2029", "\uFEFF",
        "\n", "\n\n", "\r\n", "\t", "\"", "\u201C", "\u201D", "'", "\u2018", "\u2019", "\u00AB", "\u00BB", "\u201E", "''", "\"\"\"",
        "$", "\u20AC", "\u00A3", "\u00A5", "\u20BD", "US$", "%", "per cent", "1", "0", "12,000", "3.5", "1.2.3.4", "99999999999999999999999",
        "-1", "1/2", "\u00BD", "\u0661\u0662\u0663", "2024-11-29", "29/11/2024", "Nov. 29", "Friday", "1999", "0000-00-00", "9999-99-99",
        "T25:61", "10:02 p.m.", "last week", "in June", "every Monday", "two years ago", "the 1990s", "Q3", "W53", "said", "said he",
        "according to", "told reporters", "Mr.", "Dr.", "U.S.", "e.g.", "...", "\u2026", "?!", ". . .", "(", ")", "[", "]", "--", "\u2014",
        "Kim", "Putin", "the minister", "Reuters", "KCNA", "North Korea", "United Nations", "million", "billion", "troops", "soldiers");

    private static readonly Gen<string> LongToken = Gen.Select(Gen.Char["aZ9.,'-\u0301"], Gen.Int[200, 3000], (c, n) => new string(c, n));

    private static readonly Gen<string> Fragment = Gen.Frequency<string>(
        (4, Sentence), (6, Pieces), (2, AnyUnits), (1, LongToken),
        (2, Gen.String[Gen.Char["\n\"'0123456789$\u20AC.,:;- "], 0, 30]));

    /// <summary>Text of seed sentences and hostile fragments joined with spaces or nothing.</summary>
    private static readonly Gen<string> Hostile = Gen.Select(Fragment.Array[0, 40], Gen.Bool.Array[40], (parts, glue) =>
    {
        var text = new StringBuilder();
        for (var i = 0; i < parts.Length; i++) text.Append(parts[i]).Append(glue[i] ? " " : "");
        return text.ToString();
    });

    [Fact]
    public void The_annotators_take_any_text_without_throwing_and_give_spans_inside_it_the_same_way_twice()
    {
        Hostile.Sample(text =>
        {
            var article = GroupSamples.Make("p", text);
            var first = Annotator.Annotate(article);
            var problem = Check(first);
            if (problem is not null) throw new InvalidOperationException(problem);
            var second = Annotator.Annotate(article);
            return Render(first) == Render(second);
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Markup_soup_extracts_and_annotates_without_throwing()
    {
        var tags = Gen.OneOf("<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<br>", "<br/>", "<article>", "</article>", "<script>", "</script>",
            "<style>", "</style>", "<!--", "-->", "<![CDATA[", "]]>", "<li>", "<ul>", "<table><tr><td>", "</td>", "<pre>", "</pre>", "<blockquote>",
            "<meta property=\"og:title\" content=\"", "<meta name=\"author\" content=\"x\">", "<time datetime=\"2024-13-45\">", "</time>",
            "<link rel=canonical href=\"javascript:x\">", "<a href=\"", "\">", "</a>", "<img src=x onerror=alert(1)>", "&amp;", "&#0;", "&#xD800;",
            "&#x110000;", "&nbsp;", "&bogus;", "<", ">", "<<>>", "<!DOCTYPE html>", "<html lang=\"\u202E\">", "<title>", "</title>", "<body>",
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"", "\"}</script>", "<script type=\"application/ld+json\">{\"articleBody\":\"", "<svg><math>", "<template>");
        var soup = Gen.Select(Gen.Frequency<string>((3, tags), (3, Fragment)).Array[0, 60], parts => string.Concat(parts));
        soup.Sample(html =>
        {
            var document = new SourceDocument("h", "h.html", "html", html) { Hints = new SourceHints { Url = "https://news.example/2024/11/29/x" } };
            var article = Extractor.Extract(document);
            var again = Extractor.Extract(document);
            if (article.Text != again.Text || article.Title != again.Title || article.Published != again.Published) return false;
            foreach (var block in article.Blocks)
                if (block.Span.Start < 0 || block.Span.Length < 0 || block.Span.End > article.Text.Length) throw new InvalidOperationException("block " + block.Span);
            var annotated = Annotator.Annotate(article);
            if (Check(annotated) is { } problem) throw new InvalidOperationException(problem);
            return true;
        }, iter: 200, threads: 1);
    }

    [Fact]
    public void The_feed_reader_takes_random_bytes_and_mutated_feeds_without_throwing()
    {
        Gen.Byte.Array[0, 2000].Sample(bytes =>
        {
            _ = ReadFeed(bytes);
            return true;
        }, iter: 300, threads: 1);

        // A real-looking feed with seed sentences, its bytes then cut, flipped or spliced with hostile text.
        var feed = Gen.Select(Sentence.Array[1, 6], Fragment.Array[1, 6], (sentences, noise) =>
        {
            var items = sentences.Select((s, i) =>
                $"<item><title>{SecurityElement.Escape(noise[i % noise.Length])}</title><link>https://news.example/{i}</link>"
                + $"<pubDate>Fri, 29 Nov 2024 10:0{i % 10}:00 GMT</pubDate><description>{SecurityElement.Escape(s)}</description>"
                + $"<content:encoded><![CDATA[<p>{s}</p><p>{noise[(i + 1) % noise.Length]}</p>]]></content:encoded></item>");
            return "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>News</title>"
                + string.Concat(items) + "</channel></rss>";
        });
        var mutated = Gen.Select(feed, Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte, Fragment, (xml, how, at, b, noise) =>
        {
            var bytes = Encoding.UTF8.GetBytes(xml);
            var i = at % Math.Max(1, bytes.Length);
            return how switch
            {
                0 => bytes,
                1 => bytes[..i],
                2 => bytes.Select((x, j) => j == i ? b : x).ToArray(),
                _ => [.. bytes[..i], .. Encoding.UTF8.GetBytes(noise), .. bytes[i..]],
            };
        });
        mutated.Sample(bytes =>
        {
            var first = ReadFeed(bytes);
            return first == ReadFeed(bytes);
        }, iter: 300, threads: 1);
    }

    /// <summary>The feed's entries rendered, each document extracted and annotated and checked on the way.</summary>
    private static string ReadFeed(byte[] bytes)
    {
        var rendering = new StringBuilder();
        foreach (var entry in FeedReader.Read(new MemoryStream(bytes), "f.rss", "f", 1_000_000))
        {
            if (entry.Result.Skipped is { } skipped) { rendering.Append("skip ").AppendLine(skipped.Reason); continue; }
            var document = entry.Result.Document!;
            var annotated = Annotator.Annotate(Extractor.Extract(document));
            if (Check(annotated) is { } problem) throw new InvalidOperationException(problem);
            rendering.Append(document.Id).Append(' ').Append(document.Hints.Title).Append(' ').AppendLine(Render(annotated));
        }
        return rendering.ToString();
    }

    /// <summary>What is wrong with the layers, or null when every span is inside the text and sentences and tokens are in order.</summary>
    internal static string? Check(AnnotatedArticle a)
    {
        var length = a.Text.Length;
        string? Outside(TextSpan? span, string what) =>
            span is { } s && (s.Start < 0 || s.Length < 0 || s.End > length) ? $"{what} {s} outside text of {length}" : null;

        var previous = 0;
        foreach (var t in a.Tokens)
        {
            if (Outside(t.Span, "token") is { } p) return p;
            if (t.Length == 0) return $"empty token at {t.Start}";
            if (t.Start < previous) return $"token {t.Span} overlaps or precedes the one before";
            previous = t.End;
        }
        previous = 0;
        var nextToken = 0;
        foreach (var s in a.Sentences)
        {
            if (Outside(s.Span, "sentence") is { } p) return p;
            if (s.Span.Start < previous) return $"sentence {s.Span} overlaps or precedes the one before";
            if (s.FirstToken != nextToken || s.TokenCount < 0 || s.EndToken > a.Tokens.Count) return $"sentence {s.Span} token range {s.FirstToken}+{s.TokenCount}";
            for (var i = s.FirstToken; i < s.EndToken; i++)
                if (!s.Span.Contains(a.Tokens[i].Span)) return $"token {a.Tokens[i].Span} outside its sentence {s.Span}";
            previous = s.Span.End;
            nextToken = s.EndToken;
        }
        if (nextToken != a.Tokens.Count) return "tokens outside every sentence";
        foreach (var e in a.Entities)
            if ((Outside(e.Span, "entity") ?? Outside(e.Title, "entity title")) is { } p) return p;
        foreach (var t in a.Times)
            if (Outside(t.Span, "time") is { } p) return p;
        foreach (var f in a.Figures)
            if ((Outside(f.Span, "figure") ?? Outside(f.UnitSpan, "figure unit") ?? Outside(f.VerbSpan, "figure verb")
                 ?? Outside(f.AmountSpan, "figure amount") ?? Outside(f.SubjectSpan, "figure subject")) is { } p) return p;
        foreach (var q in a.Quotes)
            if ((Outside(q.Content, "quote") ?? Outside(q.Speaker, "speaker") ?? Outside(q.SpeakerName, "speaker name") ?? Outside(q.Via, "via")) is { } p) return p;
        return null;
    }

    /// <summary>Every layer as one string, to compare two runs.</summary>
    internal static string Render(AnnotatedArticle a)
    {
        var o = new StringBuilder();
        o.Append(a.Article.Published?.ToIsoString()).Append('|');
        foreach (var s in a.Sentences) o.Append(s).Append(';');
        o.Append('|');
        foreach (var t in a.Tokens) o.Append(t.Start).Append(',').Append(t.Length).Append(';');
        o.Append('|');
        foreach (var e in a.Entities) o.Append(e).Append(';');
        o.Append('|');
        foreach (var t in a.Times) o.Append(t.Span).Append(t.Type).Append(t.Value).Append(';');
        o.Append('|');
        foreach (var f in a.Figures)
            o.Append(f).Append(f.Unit).Append(f.UnitClass).Append(f.UnitSpan).Append(f.Verb).Append(f.VerbSpan).Append(f.AmountSpan).Append(f.SubjectSpan).Append(';');
        o.Append('|');
        foreach (var q in a.Quotes) o.Append(q).Append(q.Speaker).Append(q.SpeakerName).Append(q.Cue).Append(q.Via).Append(';');
        return o.ToString();
    }
}
