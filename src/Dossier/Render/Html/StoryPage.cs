using System.Globalization;
using Dossier.Model;

namespace Dossier.Render.Html;

/// <summary>Builds the story page of <see cref="HtmlRenderer.RenderStory(StoryReport, IReadOnlyList{Article}, HtmlPageOptions?)"/>.</summary>
internal sealed class StoryPage
{
    private readonly StoryReport _story;
    private readonly HtmlPageOptions _options;
    private readonly Dictionary<string, Article> _articles = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _labels;
    private readonly HtmlWriter _w = new();
    // Every cited passage of the page, per article, in the order first cited: the embedded texts mark them.
    private readonly Dictionary<string, List<Citation>> _cited = new(StringComparer.Ordinal);

    public StoryPage(StoryReport story, IReadOnlyList<Article> articles, HtmlPageOptions options)
    {
        _story = story;
        _options = options;
        foreach (var a in articles)
            if (story.Articles.Contains(a.Id, StringComparer.Ordinal)) _articles.TryAdd(a.Id, a);
        _labels = Labels.For(story.Articles);
    }

    public string Render()
    {
        var w = _w;
        HtmlRenderer.Head(w, HtmlRenderer.LanguageTag(_options.Language), _story.Headline + " — Dossier", _options);
        w.Raw("<main>\n");
        if (_options.Site is { } site) w.Raw(HtmlRenderer.Navigation(site, null));
        w.Raw("<header>\n").Element("h1", _story.Headline).Raw("\n");
        var facts = new List<string>();
        if (MarkdownRenderer.DateRange(_story.From, _story.To) is { } range) facts.Add(range);
        facts.Add(_story.Articles.Count == 1 ? "1 source" : $"{_story.Articles.Count} sources");
        w.Raw("<p class=\"meta\">");
        if (_story.From is { } from)
        {
            w.Open("time", ("datetime", Iso(from))).Text(facts[0]).Close("time").Raw(" · ");
            w.Text(facts[1]);
        }
        else w.Text(facts[0]);
        w.Raw("</p>\n</header>\n");

        Brief();
        Differences();
        Claims();
        Timeline();
        Quotes();
        Entities();
        Sources();
        if (_options.EmbedArticles) EmbeddedArticles();
        w.Raw("</main>\n</body>\n</html>\n");
        return w.ToString();
    }

    private void Brief()
    {
        if (_story.Brief.Count == 0) return;
        _w.Raw("<section id=\"brief\">\n<h2>Brief</h2>\n<ol>\n");
        foreach (var b in _story.Brief)
        {
            _w.Raw("<li>").Text(b.Text);
            Cites(b.Citations, b.Articles);
            if (ClaimView.OneSource(b) && _story.Articles.Count > 1) _w.Raw(" <span class=\"note\">(one source)</span>");
            _w.Raw("</li>\n");
        }
        _w.Raw("</ol>\n</section>\n");
    }

    private void Differences()
    {
        var figures = _story.Figures.Where(f => f.Agreement != Agreement.Single).ToList();
        if (figures.Count == 0) return;
        _w.Raw("<section id=\"differences\">\n<h2>Where sources differ</h2>\n");
        foreach (var f in figures)
        {
            _w.Raw("<div class=\"figure\">\n").Element("h3", f.About).Raw("\n");
            var kind = f.Agreement.ToString().ToLowerInvariant();
            _w.Raw("<p>").Element("span", MarkdownRenderer.Verdict(f).Replace("**", "", StringComparison.Ordinal), ("class", "verdict " + kind)).Raw("</p>\n<ul>\n");
            foreach (var v in f.Variants)
            {
                _w.Raw("<li>").Text(v.Text);
                if (Reading(v) is { } reading && !string.Equals(reading, v.Text, StringComparison.Ordinal))
                    _w.Raw(" <span class=\"note\">(").Text(reading).Raw(")</span>");
                Cites(v.Citations, v.Articles);
                _w.Raw("</li>\n");
            }
            _w.Raw("</ul>\n</div>\n");
        }
        _w.Raw("</section>\n");
    }

    /// <summary>As in the Markdown: corroborated and contested claims, then per source what only it states.</summary>
    private void Claims()
    {
        if (_story.Articles.Count < 2 || _story.Claims.Count == 0) return;
        var corroborated = ClaimView.Corroborated(_story);
        var contested = ClaimView.Contested(_story);
        var onlyIn = ClaimView.OnlyIn(_story);
        if (corroborated.Count == 0 && contested.Count == 0 && onlyIn.Count == 0) return;
        _w.Raw("<section id=\"claims\">\n");
        if (corroborated.Count > 0)
        {
            _w.Raw("<h2>Corroborated</h2>\n<ul class=\"claims\">\n");
            foreach (var c in corroborated) Claim(c, c.Status != ClaimStatus.Corroborated);
            _w.Raw("</ul>\n");
        }
        if (contested.Count > 0)
        {
            _w.Raw("<h2>Contested</h2>\n<ul class=\"claims\">\n");
            foreach (var c in contested) Claim(c, true);
            _w.Raw("</ul>\n");
        }
        foreach (var (article, only, missing) in onlyIn)
        {
            _w.Raw(only.Count > 0 ? "<h2>Only in [" : "<h2>Left out by [").Text(Label(article)).Raw("]</h2>\n<ul class=\"claims\">\n");
            foreach (var c in only)
            {
                _w.Raw("<li>").Text(ClaimView.Display(c));
                Cites(ClaimView.Citations(c), ClaimView.Articles(c));
                _w.Raw("</li>\n");
            }
            if (missing > 0)
            {
                _w.Raw("<li class=\"note\">").Text($"Leaves out {missing} {(missing == 1 ? "claim" : "claims")} that two or more other sources state");
                var left = ClaimView.LeftOut(_story, article);
                if (left.Count > 0)
                {
                    _w.Raw(":<ul>\n");
                    foreach (var c in left)
                    {
                        _w.Raw("<li>").Text(ClaimView.Display(c));
                        Cites(ClaimView.Citations(c), ClaimView.Articles(c));
                        _w.Raw("</li>\n");
                    }
                    _w.Raw("</ul>");
                }
                _w.Raw("</li>\n");
            }
            _w.Raw("</ul>\n");
        }
        if (_story.Derived.Count > 0)
        {
            _w.Raw("<p class=\"note\">");
            _w.Text(string.Join(" · ", _story.Derived.Select(d => $"[{Label(d.Article)}] looks derived from [{Label(d.From)}] ({d.Share.ToString("P0", CultureInfo.InvariantCulture)} of its words in copied sentences)")));
            _w.Text("; each counts as one source with its origin.").Raw("</p>\n");
        }
        _w.Raw("</section>\n");
    }

    private void Claim(StoryClaim c, bool withStatus)
    {
        _w.Raw("<li>").Text(ClaimView.Display(c));
        Cites(ClaimView.Citations(c), ClaimView.Articles(c));
        if (withStatus)
            _w.Raw(" ").Element("span", ClaimView.StatusWords(c), ("class", "verdict " + JsonRenderer.StatusName(c.Status)));
        var variants = ClaimView.Variants(c);
        if (variants.Count > 0)
        {
            _w.Raw("<ul>\n");
            foreach (var (reading, articles) in variants)
            {
                _w.Raw("<li>").Text(reading);
                Cites([], articles);
                _w.Raw("</li>\n");
            }
            _w.Raw("</ul>\n");
        }
        _w.Raw("</li>\n");
    }

    /// <summary>The figure as read: "about 10,000–12,000 troops".</summary>
    private static string? Reading(FigureVariant v)
    {
        static string Num(double x) => x.ToString("#,0.##", CultureInfo.InvariantCulture);
        if (v.Low is not { } low) return null;
        var value = v.High is { } high && high != low ? $"{Num(low)}–{Num(high)}" : Num(low);
        return $"{(v.Approximate ? "about " : "")}{value}{(v.Unit.Length > 0 ? " " + v.Unit : "")}";
    }

    private void Timeline()
    {
        if (_story.Timeline.Count == 0) return;
        _w.Raw("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        TimelineChart.Write(_w, _story.Timeline, EntryId);
        _w.Raw("<ol class=\"timeline\">\n");
        for (var i = 0; i < _story.Timeline.Count; i++)
        {
            var t = _story.Timeline[i];
            _w.Open("li", ("id", EntryId(i)));
            var when = MarkdownRenderer.FormatDate(t.Date);
            if (TimelineChart.Period(t.Date) is not null) _w.Element("time", when, ("datetime", t.Date));
            else _w.Text(when);
            _w.Raw(" — ").Text(t.Text);
            Cites(t.Citations, t.Articles);
            _w.Raw("</li>\n");
        }
        _w.Raw("</ol>\n</section>\n");
    }

    private static string EntryId(int index) => "t-" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private void Quotes()
    {
        // As in the Markdown: words attributed to a story entity; two-word scare quotes stay in the JSON only.
        var quotes = _story.Quotes.Where(q => q.Speaker is not null && Reconcile.Clauses.CountWords(q.Text, new TextSpan(0, q.Text.Length)) >= 4).ToList();
        if (quotes.Count == 0) return;
        _w.Raw("<section id=\"quotes\">\n<h2>Who said what</h2>\n");
        foreach (var speaker in quotes.GroupBy(q => q.SpeakerName, StringComparer.Ordinal))
        {
            _w.Raw("<div class=\"speaker\">\n").Element("h3", speaker.Key).Raw("\n");
            foreach (var q in speaker)
            {
                _w.Raw("<p class=\"quote\">").Text(q.Kind == QuoteKind.Reported ? q.Text : $"“{q.Text}”");
                Cites([.. q.Sources.DistinctBy(c => c.Article).Select(c => new Citation(c.Article, c.Span))], q.Articles);
                var how = new List<string>();
                if (q.Cue is { Length: > 0 } cue) how.Add(cue);
                if (q.Via is { Length: > 0 } via && via != q.SpeakerName) how.Add("via " + via);
                if (q.Kind != QuoteKind.Direct) how.Add(q.Kind.ToString().ToLowerInvariant());
                if (how.Count > 0) _w.Raw(" <span class=\"note\">(").Text(string.Join(", ", how)).Raw(")</span>");
                _w.Raw("</p>\n");
            }
            _w.Raw("</div>\n");
        }
        _w.Raw("</section>\n");
    }

    private void Entities()
    {
        if (_story.Entities.Count == 0) return;
        var names = _story.Entities.GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        _w.Raw("<section id=\"entities\">\n<h2>People, places and organisations</h2>\n<dl>\n");
        foreach (var e in _story.Entities)
        {
            _w.Open("dt", ("id", "e-" + Hrefs.IdPart(e.Id))).Text(e.Name).Element("span", TypeName(e.Type), ("class", "type")).Raw("</dt>\n<dd>");
            var parts = 0;
            void Part(string label, string text)
            {
                if (parts++ > 0) _w.Raw("<br>");
                _w.Raw("<span class=\"note\">").Text(label).Raw(":</span> ").Text(text);
            }
            var aliases = e.Aliases.Where(a => !string.Equals(a, e.Name, StringComparison.Ordinal)).ToList();
            if (aliases.Count > 0) Part("also", string.Join(", ", aliases));
            if (e.Descriptions.Count > 0) Part("described as", string.Join("; ", e.Descriptions));
            foreach (var r in e.Relations)
            {
                if (parts++ > 0) _w.Raw("<br>");
                _w.Raw("<span class=\"note\">").Text(r.Kind.Replace('-', ' ')).Raw(":</span> ");
                if (names.TryGetValue(r.Entity, out var other)) _w.Link("#e-" + Hrefs.IdPart(r.Entity), other);
                else _w.Text(r.Entity);
            }
            if (parts++ > 0) _w.Raw("<br>");
            _w.Raw("<span class=\"note\">").Text(e.Mentions.Count == 1 ? "1 mention in" : $"{e.Mentions.Count} mentions in").Raw("</span>");
            Cites([], e.Articles);
            _w.Raw("</dd>\n");
        }
        _w.Raw("</dl>\n</section>\n");
    }

    private static string TypeName(EntityType type) => type switch
    {
        EntityType.PER => "person",
        EntityType.ORG => "organisation",
        EntityType.LOC => "place",
        _ => "other",
    };

    private void Sources()
    {
        _w.Raw("<section id=\"sources\">\n<h2>Sources</h2>\n<ol class=\"sources\">\n");
        foreach (var id in _story.Articles)
        {
            _w.Open("li", ("id", SourceId(id)));
            _w.Raw("<strong>[").Text(Label(id)).Raw("]</strong> ");
            if (_articles.TryGetValue(id, out var a))
            {
                var title = string.IsNullOrWhiteSpace(a.Title) ? "Untitled" : a.Title.Trim();
                var page = _options.ArticleHref is { } articleHref ? Hrefs.Local(articleHref(id)) : null;
                _w.Link(page, title);
                var facts = new List<string>();
                if (a.Site is { Length: > 0 } site) facts.Add(site);
                facts.Add(a.Published is { } p ? $"{p.ToIsoString()} ({MarkdownRenderer.DateProvenance(p)})" : "date unknown");
                _w.Raw("<br><span class=\"meta\">").Text(string.Join(" · ", facts)).Raw("</span>");
                if (a.Url is { Length: > 0 } url)
                    _w.Raw("<br><span class=\"meta url\">").Link(Hrefs.Web(url), url, rel: "noopener noreferrer nofollow").Raw("</span>");
            }
            else _w.Text(id);
            foreach (var d in _story.Duplicates.Where(d => d.ArticleId == id))
            {
                _w.Raw("<br><span class=\"note\">Looks copied from </span>").Link("#" + SourceId(d.OriginalId), $"[{Label(d.OriginalId)}]")
                    .Raw(" <span class=\"note\">(").Text(d.Similarity.ToString("0%", CultureInfo.InvariantCulture)).Raw(" alike)</span>");
            }
            var only = _story.OnlyInOne.Where(o => o.Article == id).SelectMany(o => o.Items).ToList();
            if (only.Count > 0)
            {
                _w.Raw("<p class=\"note\">Only in this source:</p>\n<ul>\n");
                foreach (var item in only)
                {
                    _w.Raw("<li>").Text(item.Text);
                    Cites(item.Citations, []);
                    _w.Raw("</li>\n");
                }
                _w.Raw("</ul>\n");
            }
            _w.Raw("</li>\n");
        }
        _w.Raw("</ol>\n</section>\n");
    }

    private void EmbeddedArticles()
    {
        var cited = _story.Articles.Where(id => _cited.ContainsKey(id) && _articles.ContainsKey(id)).ToList();
        if (cited.Count == 0) return;
        _w.Raw("<section id=\"articles\">\n<h2>Cited articles</h2>\n");
        foreach (var id in cited)
        {
            var a = _articles[id];
            _w.Open("article", ("id", "a-" + Hrefs.IdPart(id)), ("class", "source-text"));
            _w.Raw("<h3>[").Text(Label(id)).Raw("] ").Text(string.IsNullOrWhiteSpace(a.Title) ? "Untitled" : a.Title.Trim()).Raw("</h3>\n");
            var passages = _cited[id].Select(c => new Marked(c.Span, HtmlRenderer.AnchorId(c)));
            var leftover = ArticleBody.Write(_w, a, passages, 4);
            if (leftover.Count > 0)
            {
                // Passages that cross a paragraph or another passage cannot be marked in place; they are quoted whole.
                _w.Raw("<p class=\"note\">Also cited:</p>\n");
                foreach (var m in leftover)
                    _w.Raw("<blockquote>").Open("mark", ("id", m.Id)).Text(m.Span.Of(a.Text)).Raw("</mark></blockquote>\n");
            }
            _w.Raw("</article>\n");
        }
        _w.Raw("</section>\n");
    }

    /// <summary>
    /// Citation links, labelled by source; an article listed without a passage links to its entry in the sources.
    /// </summary>
    private void Cites(IReadOnlyList<Citation> citations, IReadOnlyList<string> articles)
    {
        var links = new List<(string? Href, string Label, string? Title)>();
        foreach (var c in citations) links.Add((CitationHref(c), Label(c.Article), TitleOf(c.Article)));
        foreach (var id in articles.Where(id => !citations.Any(c => c.Article == id)).Distinct(StringComparer.Ordinal))
            links.Add(("#" + SourceId(id), Label(id), TitleOf(id)));
        if (links.Count == 0) return;
        _w.Raw(" <sup class=\"cite\">");
        for (var i = 0; i < links.Count; i++)
        {
            if (i > 0) _w.Raw(" ");
            _w.Link(links[i].Href, $"[{links[i].Label}]", links[i].Title);
        }
        _w.Raw("</sup>");
    }

    private string? CitationHref(Citation c)
    {
        var valid = _articles.TryGetValue(c.Article, out var a) && c.Span.Length > 0 && c.Span.Start >= 0 && c.Span.End <= a.Text.Length;
        if (_options.CitationHref is { } href) return valid ? Hrefs.Local(href(c)) : null;
        if (!valid || !_options.EmbedArticles) return "#" + SourceId(c.Article);
        if (!_cited.TryGetValue(c.Article, out var list)) _cited[c.Article] = list = [];
        if (!list.Contains(c)) list.Add(c);
        return "#" + HtmlRenderer.AnchorId(c);
    }

    private string? TitleOf(string id) => _articles.TryGetValue(id, out var a)
        ? string.Join(" · ", new[] { a.Title?.Trim(), a.Site }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } t ? t : null
        : null;

    private string Label(string id) => _labels.TryGetValue(id, out var label) ? label : id;

    private static string SourceId(string id) => "s-" + Hrefs.IdPart(id);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
