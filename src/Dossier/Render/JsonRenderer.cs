using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dossier.Model;

namespace Dossier.Render;

/// <summary>
/// Writes an analysis as JSON: the articles with their clean text and dates, and per story its entities, quotes,
/// figures, timeline and brief, each pointing back to articles and character offsets.
/// </summary>
public sealed class JsonRenderer
{
    /// <summary>The analysis as one JSON string (UTF-8 encoded by <see cref="Write"/>, then decoded).</summary>
    public string Render(Analysis analysis)
    {
        using var buffer = new MemoryStream();
        Write(analysis, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public void Write(Analysis analysis, Stream output)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        w.WriteStartObject();
        w.WriteStartArray("articles");
        foreach (var a in analysis.Articles) WriteArticle(w, a);
        w.WriteEndArray();
        w.WriteStartArray("stories");
        foreach (var s in analysis.Stories) WriteStory(w, s);
        w.WriteEndArray();
        w.WriteStartArray("skipped");
        foreach (var s in analysis.Skipped)
        {
            w.WriteStartObject();
            w.WriteString("path", s.Path);
            w.WriteString("reason", s.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteArticle(Utf8JsonWriter w, AnnotatedArticle annotated)
    {
        var a = annotated.Article;
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("path", a.Origin);
        WriteNullable(w, "title", a.Title);
        WriteNullable(w, "url", a.Url);
        WriteNullable(w, "site", a.Site);
        WriteNullable(w, "published", a.Published?.ToIsoString());
        WriteNullable(w, "publishedSource", a.Published is { } p ? SourceName(p.Source) : null);
        WriteNullable(w, "publishedEvidence", a.Published?.Evidence);
        w.WriteString("language", a.Language);
        w.WriteString("contentHash", a.ContentHash);
        w.WriteStartArray("removed");
        foreach (var r in a.Removed)
        {
            w.WriteStartObject();
            w.WriteString("text", r.Text);
            w.WriteString("reason", r.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("text", a.Text);
        w.WriteEndObject();
    }

    /// <summary>The date's provenance in the words of the JSON contract.</summary>
    public static string SourceName(DateSource source) => source switch
    {
        DateSource.Metadata => "metadata",
        DateSource.Dateline => "dateline",
        DateSource.Url => "url",
        DateSource.TextFullDate => "text",
        DateSource.WeekdayMonthDay => "weekday",
        DateSource.Story => "story",
        _ => source.ToString().ToLowerInvariant(),
    };

    private static void WriteStory(Utf8JsonWriter w, StoryReport s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("headline", s.Headline);
        WriteNullable(w, "from", s.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteNullable(w, "to", s.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteStrings(w, "articles", s.Articles);

        w.WriteStartArray("duplicates");
        foreach (var d in s.Duplicates)
        {
            w.WriteStartObject();
            w.WriteString("article", d.ArticleId);
            w.WriteString("original", d.OriginalId);
            w.WriteNumber("similarity", Math.Round(d.Similarity, 3));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("brief");
        foreach (var b in s.Brief) WriteBriefSentence(w, b);
        w.WriteEndArray();

        w.WriteStartArray("entities");
        foreach (var e in s.Entities)
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteString("name", e.Name);
            w.WriteString("type", e.Type.ToString());
            WriteStrings(w, "aliases", e.Aliases);
            WriteStrings(w, "descriptions", e.Descriptions);
            WriteStrings(w, "articles", e.Articles);
            w.WriteNumber("mentions", e.Mentions.Count);
            w.WriteStartArray("relations");
            foreach (var r in e.Relations)
            {
                w.WriteStartObject();
                w.WriteString("kind", r.Kind);
                w.WriteString("entity", r.Entity);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("quotes");
        foreach (var q in s.Quotes)
        {
            w.WriteStartObject();
            WriteNullable(w, "speaker", q.Speaker);
            w.WriteString("speakerName", q.SpeakerName);
            w.WriteString("text", q.Text);
            w.WriteString("kind", q.Kind.ToString().ToLowerInvariant());
            WriteNullable(w, "cue", q.Cue);
            WriteNullable(w, "via", q.Via);
            w.WriteString("article", q.Article);
            w.WriteNumber("start", q.Span.Start);
            w.WriteNumber("end", q.Span.End);
            w.WriteStartArray("sources");
            foreach (var source in q.Sources)
            {
                w.WriteStartObject();
                w.WriteString("article", source.Article);
                w.WriteNumber("start", source.Span.Start);
                w.WriteNumber("end", source.Span.End);
                w.WriteString("kind", source.Kind.ToString().ToLowerInvariant());
                WriteNullable(w, "cue", source.Cue);
                WriteNullable(w, "via", source.Via);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("figures");
        foreach (var f in s.Figures)
        {
            w.WriteStartObject();
            w.WriteString("about", f.About);
            w.WriteString("agreement", f.Agreement.ToString().ToLowerInvariant());
            w.WriteStartArray("variants");
            foreach (var v in f.Variants)
            {
                w.WriteStartObject();
                WriteNumber(w, "low", v.Low);
                WriteNumber(w, "high", v.High);
                w.WriteBoolean("approximate", v.Approximate);
                w.WriteString("unit", v.Unit);
                w.WriteString("text", v.Text);
                WriteStrings(w, "articles", v.Articles);
                WriteCitations(w, v.Citations);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("timeline");
        foreach (var t in s.Timeline)
        {
            w.WriteStartObject();
            w.WriteString("date", t.Date);
            w.WriteString("text", t.Text);
            WriteStrings(w, "articles", t.Articles);
            WriteCitations(w, t.Citations);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("claims");
        foreach (var c in s.Claims)
        {
            w.WriteStartObject();
            w.WriteString("text", c.Text);
            w.WriteString("status", StatusName(c.Status));
            WriteNullable(w, "reason", c.Reason);
            WriteNullable(w, "subject", c.Subject);
            w.WriteString("subjectName", c.SubjectName);
            w.WriteString("predicate", c.Predicate);
            WriteNullable(w, "object", c.Object);
            WriteNullable(w, "objectName", c.ObjectName);
            WriteNullable(w, "time", c.Time);
            WriteNullable(w, "figure", c.Figure);
            w.WriteNumber("independentSources", c.IndependentSources);
            w.WriteStartArray("sources");
            foreach (var src in c.Sources)
            {
                w.WriteStartObject();
                w.WriteString("article", src.Article);
                w.WriteNumber("start", src.Span.Start);
                w.WriteNumber("end", src.Span.End);
                WriteNullable(w, "time", src.Time);
                WriteNullable(w, "figure", src.Figure);
                if (src.Predicate is { } predicate)
                {
                    w.WriteNumber("predicateStart", predicate.Start);
                    w.WriteNumber("predicateEnd", predicate.End);
                }
                if (src.Negated) w.WriteBoolean("negated", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("derived");
        foreach (var d in s.Derived)
        {
            w.WriteStartObject();
            w.WriteString("article", d.Article);
            w.WriteString("from", d.From);
            w.WriteNumber("share", d.Share);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("coverage");
        foreach (var c in s.Coverage)
        {
            w.WriteStartObject();
            w.WriteString("article", c.Article);
            w.WriteStartArray("only");
            foreach (var i in c.Only) w.WriteNumberValue(i);
            w.WriteEndArray();
            w.WriteStartArray("missing");
            foreach (var i in c.Missing) w.WriteNumberValue(i);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("onlyInOne");
        foreach (var o in s.OnlyInOne)
        {
            w.WriteStartObject();
            w.WriteString("article", o.Article);
            w.WriteStartArray("items");
            foreach (var b in o.Items) WriteBriefSentence(w, b);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A claim's status in the words of the JSON contract.</summary>
    public static string StatusName(ClaimStatus status) => status switch
    {
        ClaimStatus.Corroborated => "corroborated",
        ClaimStatus.Compatible => "compatible",
        ClaimStatus.Contested => "contested",
        _ => "single-source",
    };

    private static void WriteBriefSentence(Utf8JsonWriter w, BriefSentence b)
    {
        w.WriteStartObject();
        w.WriteString("text", b.Text);
        WriteStrings(w, "articles", b.Articles);
        WriteCitations(w, b.Citations);
        w.WriteEndObject();
    }

    private static void WriteCitations(Utf8JsonWriter w, IReadOnlyList<Citation> citations)
    {
        w.WriteStartArray("sources");
        foreach (var c in citations)
        {
            w.WriteStartObject();
            w.WriteString("article", c.Article);
            w.WriteNumber("start", c.Span.Start);
            w.WriteNumber("end", c.Span.End);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is not { } v || double.IsInfinity(v) || double.IsNaN(v)) w.WriteNull(name);
        else if (v == Math.Floor(v) && Math.Abs(v) < 1e15) w.WriteNumber(name, (long)v);
        else w.WriteNumber(name, v);
    }
}
