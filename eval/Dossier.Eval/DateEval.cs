using System.Text.RegularExpressions;
using Dossier.Extract.Html;
using Dossier.Ingest;
using Dossier.Model;

namespace Dossier.Eval;

/// <summary>
/// Scores the published dates our page reader finds on ../shared/data/aeb against the date each page's own markup or
/// URL states. The reference is read here with plain regular expressions over the raw HTML, not through the reader:
/// JSON-LD "datePublished" (yyyy-mm-dd as written), else meta article:published_time, else a full date in the URL
/// path. It is markup-derived, so it checks that we read and rank what pages state, not that pages state the truth.
/// Options: --list prints every page's reference and ours, with the title, authors, site and language read.
/// </summary>
public static partial class DateEval
{
    public static int Run(string shared, string[] args)
    {
        var list = false;
        foreach (var arg in args)
        {
            if (arg == "--list") list = true;
            else
            {
                Console.Error.WriteLine($"eval/run dates: unknown option {arg} (options: --list)");
                return 2;
            }
        }
        var pages = AebEval.LoadPages(shared);
        var parsing = new HtmlParsing();
        var reader = new PageMetadataReader(TimeProvider.System);
        int tp = 0, fp = 0, fn = 0, unreferenced = 0, datedUnreferenced = 0, bareTp = 0, bareFp = 0, bareFn = 0;
        var byReference = new SortedDictionary<string, (int Pages, int Right)>(StringComparer.Ordinal);
        var byOurs = new SortedDictionary<string, (int Pages, int Right)>(StringComparer.Ordinal);
        var rows = new List<string>();
        var readTime = TimeSpan.Zero;
        foreach (var page in pages)
        {
            var html = HtmlText.Decode(page.Html, null);
            var (reference, referenceSource) = Reference(html, page.Url);
            var parsed = parsing.Parse(html);
            // Read once to warm up, then timed: the figure is the steady cost per page, without start-up compilation.
            reader.Read(parsed, page.Url);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var metadata = reader.Read(parsed, page.Url);
            readTime += System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var ours = metadata.Published;
            var oursDay = ours is { Precision: DatePrecision.Day } p ? p.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
            var oursSource = ours is null ? "none" : ours.Evidence is { } e ? Kind(e) : ours.Source.ToString();
            if (reference is null)
            {
                unreferenced++;
                if (ours is not null) datedUnreferenced++;
            }
            else
            {
                var right = oursDay == reference;
                if (right) tp++;
                else if (ours is null) fn++;
                else fp++;
                var r = byReference.GetValueOrDefault(referenceSource);
                byReference[referenceSource] = (r.Pages + 1, r.Right + (right ? 1 : 0));
                var o = byOurs.GetValueOrDefault(oursSource);
                byOurs[oursSource] = (o.Pages + 1, o.Right + (right ? 1 : 0));
            }
            // The same page with its JSON-LD and meta tags taken out: what the time elements, URL and byline alone give.
            var bare = parsing.Parse(html);
            foreach (var element in bare.QuerySelectorAll("meta, script").ToList())
                if (element.LocalName == "meta" || (element.GetAttribute("type") ?? "").Contains("ld+json", StringComparison.OrdinalIgnoreCase))
                    element.Remove();
            var fallback = reader.Read(bare, page.Url).Published;
            if (reference is not null)
            {
                var fallbackDay = fallback is { Precision: DatePrecision.Day } f ? f.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
                if (fallbackDay == reference) bareTp++;
                else if (fallback is null) bareFn++;
                else bareFp++;
            }
            rows.Add($"{(reference is null ? "  " : oursDay == reference ? "ok" : "XX")} ref {reference ?? "-",-10} ({referenceSource,-8}) ours {ours?.ToIsoString() ?? "-",-10} ({ours?.Evidence ?? "-"}) {page.Url}"
                     + $"\n     without markup: {fallback?.ToIsoString() ?? "-"} ({fallback?.Evidence ?? "-"})"
                     + $"\n     title: {metadata.Title} | authors: {string.Join("; ", metadata.Authors)} | site: {metadata.Site} | lang: {metadata.Language}");
        }
        var referenced = pages.Count - unreferenced;
        var (precision, recall, f1) = Scores(tp, fp, fn);
        Console.WriteLine($"Published dates on {pages.Count} aeb pages, day level, against the date the page's markup or URL states");
        Console.WriteLine("reference (read by regex over raw HTML, apart from the reader): JSON-LD datePublished, else meta article:published_time, else URL path date; yyyy-mm-dd as written, placeholders before 1995 skipped");
        Console.WriteLine($"pages with a reference {referenced}, without {unreferenced}");
        Console.WriteLine($"coverage (pages we date, of all)  {(double)(tp + fp + datedUnreferenced) / pages.Count:F3}");
        Console.WriteLine($"precision {precision:F3}  recall {recall:F3}  F1 {f1:F3}   (tp {tp}, wrong {fp}, missed {fn})");
        Console.WriteLine("htmldate, on its own benchmark of 1,000+ pages with hand-checked dates: F1 0.94 (not the same pages or reference)");
        Console.WriteLine($"dated although no reference date: {datedUnreferenced} of {unreferenced}");
        Console.WriteLine($"metadata reading time (parse excluded): {readTime.TotalMilliseconds / pages.Count:F2} ms per page");
        var (bp, br, bf) = Scores(bareTp, bareFp, bareFn);
        Console.WriteLine($"with JSON-LD and meta tags removed (time elements, URL, byline only): precision {bp:F3}  recall {br:F3}  F1 {bf:F3}   (tp {bareTp}, wrong {bareFp}, missed {bareFn})");
        Console.WriteLine();
        Console.WriteLine("right / pages, by where the reference came from:");
        foreach (var (k, v) in byReference) Console.WriteLine($"  {k,-24} {v.Right,3} / {v.Pages,3}");
        Console.WriteLine("right / pages with a reference, by where our date came from:");
        foreach (var (k, v) in byOurs) Console.WriteLine($"  {k,-24} {v.Right,3} / {v.Pages,3}");
        if (list)
        {
            Console.WriteLine();
            foreach (var row in rows) Console.WriteLine(row);
        }
        return 0;
    }

    /// <summary>As htmldate's evaluation counts: a wrong date is a false positive, no date where one is stated a false negative.</summary>
    private static (double Precision, double Recall, double F1) Scores(int tp, int fp, int fn)
    {
        var precision = tp + fp > 0 ? (double)tp / (tp + fp) : 0;
        var recall = tp + fn > 0 ? (double)tp / (tp + fn) : 0;
        return (precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0);
    }

    /// <summary>The reader's evidence without the text it quotes: "byline text: Nov. 19" → "byline text".</summary>
    private static string Kind(string evidence) => evidence.Split(':')[0] is var head && head.StartsWith("meta ", StringComparison.Ordinal) ? "meta" : evidence.Split(": ")[0];

    /// <summary>The date the page states for itself, by the simplest reading of its markup and URL, and where it was found.</summary>
    internal static (string? Date, string Source) Reference(string html, string url)
    {
        foreach (Match script in JsonLdScript().Matches(html))
        {
            // A placeholder such as 0001-01-01 states nothing; the next statement is read instead.
            foreach (Match m in JsonLdDate().Matches(script.Groups[1].Value))
                if (Stated(m.Groups[1].Value)) return (m.Groups[1].Value, "json-ld");
        }
        foreach (Match tag in MetaTag().Matches(html))
        {
            if (!PublishedTime().IsMatch(tag.Value)) continue;
            var content = Content().Match(tag.Value);
            if (content.Success && Stated(content.Groups[1].Value)) return (content.Groups[1].Value, "meta");
        }
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        var u = UrlDate().Match(path);
        if (u.Success) return ($"{u.Groups[1].Value}-{u.Groups[2].Value}-{u.Groups[3].Value}", "url");
        return (null, "none");
    }

    private static bool Stated(string date) => string.CompareOrdinal(date, "1995") >= 0;

    [GeneratedRegex(@"<script[^>]*ld\+json[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex JsonLdScript();

    [GeneratedRegex(@"""datePublished""\s*:\s*""([0-9]{4}-[0-9]{2}-[0-9]{2})")]
    private static partial Regex JsonLdDate();

    [GeneratedRegex(@"<meta\s[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"(?:property|name)\s*=\s*[""']article:published_time[""']", RegexOptions.IgnoreCase)]
    private static partial Regex PublishedTime();

    [GeneratedRegex(@"content\s*=\s*[""']([0-9]{4}-[0-9]{2}-[0-9]{2})", RegexOptions.IgnoreCase)]
    private static partial Regex Content();

    [GeneratedRegex(@"(?<![0-9])((?:19|20)[0-9]{2})[/-]([01][0-9])[/-]([0-3][0-9])(?![0-9])")]
    private static partial Regex UrlDate();
}
