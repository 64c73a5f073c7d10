using System.Collections.Frozen;

namespace Dossier.Extract.Html;

/// <summary>How strongly an element's tag, role or class says it is not part of the story.</summary>
internal enum Boilerplate : byte
{
    None,
    /// <summary>Layout words (header, sidebar, menu): dropped unless the element holds the story or most of the page's text.</summary>
    Weak,
    /// <summary>Words for page furniture (comments, share bar, related links): dropped unless the element holds the story.</summary>
    Strong,
    /// <summary>Hidden from readers: dropped unless it holds most of the page (a wrapper hidden while a pop-up shows).</summary>
    Hidden,
    /// <summary>Never text of the story (scripts, styles, form controls): always dropped.</summary>
    Hard,
}

/// <summary>The verdict on class/id words: furniture level and word, score weight, story marker, story-ish word.</summary>
internal readonly record struct ClassVerdict(Boilerplate Level, string? Reason, int Weight, bool Marker, bool Positive)
{
    public static readonly ClassVerdict None = new(Boilerplate.None, null, 0, false, false);
}

/// <summary>The generic vocabulary of web page templates: which tags, roles and class words mark story or furniture.</summary>
internal static class ContentVocabulary
{
    /// <summary>Elements whose content is never read as text.</summary>
    public static readonly FrozenSet<string> Unread = FrozenSet.ToFrozenSet(
    [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio",
        "select", "option", "button", "input", "textarea", "head", "link", "meta", "map", "picture", "source", "img",
        "dialog", "menu", "label", "datalist", "output", "progress", "frameset", "frame", "applet",
    ], StringComparer.Ordinal);

    /// <summary>Elements that start a new line of text as a browser lays them out.</summary>
    public static readonly FrozenSet<string> Blocks = FrozenSet.ToFrozenSet(
    [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "tbody", "thead", "tfoot", "tr", "caption",
        "figure", "figcaption", "address", "hr", "form", "fieldset", "details", "summary", "center", "body", "html", "hgroup",
    ], StringComparer.Ordinal);

    /// <summary>Word-level elements, laid out within a line.</summary>
    public static readonly FrozenSet<string> Inline = FrozenSet.ToFrozenSet(
    [
        "a", "span", "b", "i", "em", "strong", "u", "s", "small", "sup", "sub", "abbr", "cite", "code", "q", "mark", "time",
        "font", "big", "tt", "var", "kbd", "samp", "del", "ins", "bdi", "bdo", "dfn", "nobr",
    ], StringComparer.Ordinal);

    /// <summary>Class or id words for furniture, matched anywhere in the lower-cased, punctuation-free attribute.</summary>
    private static readonly string[] StrongWords =
    [
        "comment", "related", "share", "social", "newsletter",
        "cookie", "consent", "gdpr", "promo", "advert", "sponsor", "breadcrumb", "caption", "byline", "recommend",
        "popular", "trending", "mostread", "morestories", "readmore", "readnext", "readalso", "alsoread", "outbrain", "taboola",
        "disqus", "paywall", "authorbio", "authorinfo", "aboutauthor", "pagination", "pager", "tagcloud",
        "taglist", "articletags", "posttags", "entrytags", "credit", "copyright", "disclaimer", "skiplink", "jumplink",
        "toolbar", "printonly", "modal", "popup", "overlay", "footnav", "topnav", "subnav", "navbar", "navigation",
        "masthead", "sidebar", "widget", "rightrail", "leftrail", "rightcol", "leftcol", "dateline", "timestamp",
        "postmeta", "entrymeta", "articlemeta", "storymeta", "metadata", "headline", "kicker",
    ];

    /// <summary>Class or id tokens for furniture, matched as whole tokens (short words that occur inside others).</summary>
    private static readonly FrozenSet<string> StrongTokens = FrozenSet.ToFrozenSet(
    [
        "ad", "ads", "adv", "advert", "advertisement", "adslot", "adunit", "dfp", "tags", "tag", "subscribe", "subscription",
        "signup", "register", "registration",
        "meta", "nav", "menu", "print", "author", "authors", "date", "time", "hidden", "hide", "hdn", "visually", "sr",
        "srt", "screenreader", "title", "heading", "header", "footer", "banner", "promo", "more", "teaser", "teasers",
        "rail", "aside", "extra", "extras", "photo", "gallery", "slideshow", "figure", "image",
        "img", "thumb", "thumbnail", "icon", "button", "btn", "form", "login", "search", "cta", "feedback", "rating",
        "poll", "quiz", "tools", "utility", "utilities", "sticky", "notice", "alert", "outbrain",
    ], StringComparer.Ordinal);

    /// <summary>Tokens that weaken a furniture word: layout blocks that often wrap the story itself.</summary>
    private static readonly FrozenSet<string> WeakTokens = FrozenSet.ToFrozenSet(
    [
        "header", "footer", "banner", "rail", "aside", "extra", "extras", "sidebar", "widget", "masthead", "hidden",
        "hide", "hdn", "sticky", "more", "title", "heading", "headline", "image", "photo", "figure", "meta",
        "metadata", "date", "time", "modal", "overlay", "popup", "tools", "utility", "utilities", "notice", "alert",
        "gallery", "slideshow", "img", "thumb", "thumbnail", "icon", "button", "btn", "form", "login", "search", "cta",
        "feedback", "rating", "poll", "quiz", "teaser", "teasers", "print", "author", "authors", "nav", "menu", "tag", "tags",
        "navigation", "navbar", "topnav", "subnav", "footnav", "toolbar", "printonly", "dateline", "timestamp", "kicker",
        "postmeta", "entrymeta", "articlemeta", "storymeta", "credit", "copyright", "disclaimer", "rightrail", "leftrail",
        "rightcol", "leftcol", "pager", "pagination", "tagcloud", "taglist", "articletags", "posttags", "entrytags",
        "authorbio", "authorinfo", "aboutauthor", "paywall", "visually", "sr", "srt", "screenreader",
    ], StringComparer.Ordinal);

    /// <summary>Class tokens that turn the next token into a description of the block ("has-image").</summary>
    private static readonly FrozenSet<string> Modifiers = FrozenSet.ToFrozenSet(["has", "with", "no", "without", "show", "enable", "enabled", "is", "can"], StringComparer.Ordinal);

    /// <summary>Class or id words for story containers.</summary>
    private static readonly string[] PositiveWords = ["article", "content", "entry", "story", "post", "text", "body", "main", "blog", "prose", "column"];

    /// <summary>Class or id words that name the story's own body; an element so named is never dropped.</summary>
    private static readonly string[] MarkerWords =
    [
        "articlebody", "articlecontent", "articletext", "articlemain", "storybody", "storycontent", "storytext",
        "postbody", "postcontent", "posttext", "entrycontent", "entrybody", "entrytext", "bodytext", "bodycopy",
        "contentbody", "articlecopy", "richtext", "blogpost", "postentry", "singlecontent", "articleinner", "contentarticle",
        "textcontent", "maintext", "newstext", "newsbody", "newscontent", "fulltext", "artbody", "arttext",
    ];

    /// <summary>Judges an element from its tag, role, hidden state and the verdict on its class/id words.</summary>
    public static Boilerplate Judge(string tag, ClassVerdict words, string? role, bool hidden, out string? reason, out int weight)
    {
        weight = words.Weight;
        reason = null;
        if (hidden) { reason = "hidden"; return Boilerplate.Hidden; }
        var judged = tag switch
        {
            "nav" => Set(Boilerplate.Strong, "navigation", out reason),
            "aside" => Set(Boilerplate.Weak, "aside", out reason),
            "footer" => Set(Boilerplate.Weak, "footer", out reason),
            "header" => Set(Boilerplate.Weak, "header", out reason),
            "figcaption" => Set(Boilerplate.Strong, "caption", out reason),
            "form" or "fieldset" => Set(Boilerplate.Weak, "form", out reason),
            _ => Boilerplate.None,
        };
        if (role is not null)
        {
            switch (role.Trim().ToLowerInvariant())
            {
                case "navigation" or "menu" or "menubar" or "toolbar" or "tablist" or "search" or "dialog" or "alertdialog":
                    judged = Max(judged, Boilerplate.Strong); reason ??= "navigation"; break;
                case "complementary" or "contentinfo" or "banner":
                    judged = Max(judged, Boilerplate.Weak); reason ??= "aside"; break;
                case "article" or "main":
                    weight += 25; break;
            }
        }
        if (words.Marker || words.Level == Boilerplate.None) return judged;
        // A story-ish word tempers a layout word ("post-header" stays furniture, "content-sidebar-wrap" does not).
        if (words.Positive && words.Level == Boilerplate.Weak && judged == Boilerplate.None) return judged;
        if (words.Level > judged) { judged = words.Level; reason = words.Reason; }
        return judged;
    }

    /// <summary>What an element's class and id words say, the same for every element that shares them.</summary>
    public static ClassVerdict JudgeWords(string classAndId)
    {
        Span<char> buffer = classAndId.Length <= 256 ? stackalloc char[classAndId.Length] : new char[classAndId.Length];
        var squeezed = Squeeze(classAndId, buffer);
        foreach (var word in MarkerWords)
            if (squeezed.Contains(word, StringComparison.Ordinal)) return new ClassVerdict(Boilerplate.None, null, 50, true, true);
        var positive = false;
        foreach (var word in PositiveWords)
            if (squeezed.Contains(word, StringComparison.Ordinal)) { positive = true; break; }

        var found = Boilerplate.None;
        string? why = null;
        foreach (var word in StrongWords)
        {
            if (!Names(squeezed, word)) continue;
            var level = WeakTokens.Contains(word) ? Boilerplate.Weak : Boilerplate.Strong;
            if (level > found) { found = level; why = word; }
            if (level == Boilerplate.Strong) break;
        }
        if (found < Boilerplate.Strong)
        {
            var tokens = Tokens(classAndId);
            for (var t = 0; t < tokens.Count; t++)
            {
                var token = tokens[t];
                // "has-image", "no-sidebar", "with-video": a modifier describing the block, not naming it.
                if (!StrongTokens.Contains(token) || (t > 0 && Modifiers.Contains(tokens[t - 1]))) continue;
                var level = WeakTokens.Contains(token) ? Boilerplate.Weak : Boilerplate.Strong;
                if (level > found) { found = level; why = token; }
                if (level == Boilerplate.Strong) break;
            }
        }
        var weight = (positive ? 25 : 0) - (found == Boilerplate.None ? 0 : 25);
        return new ClassVerdict(found, why, weight, false, positive);
    }

    /// <summary>Whether <paramref name="word"/> occurs in the squeezed class, not as the start of a longer word that means the story ("commentary").</summary>
    private static bool Names(ReadOnlySpan<char> squeezed, string word)
    {
        for (var at = squeezed.IndexOf(word, StringComparison.Ordinal); at >= 0;)
        {
            var here = squeezed[at..];
            var story = false;
            foreach (var w in StoryWords)
                if (here.StartsWith(w, StringComparison.Ordinal)) { story = true; break; }
            if (!story) return true;
            var next = here[word.Length..].IndexOf(word, StringComparison.Ordinal);
            at = next < 0 ? -1 : at + word.Length + next;
        }
        return false;
    }

    /// <summary>Story words that begin with a furniture word.</summary>
    private static readonly string[] StoryWords = ["commentary", "shareholder", "socialist", "relatedness"];

    private static Boilerplate Set(Boilerplate level, string why, out string? reason)
    {
        reason = why;
        return level;
    }

    private static Boilerplate Max(Boilerplate a, Boilerplate b) => a > b ? a : b;

    /// <summary>Lower-cased letters and digits only: "article__body-text" → "articlebodytext".</summary>
    private static ReadOnlySpan<char> Squeeze(string value, Span<char> buffer)
    {
        var n = 0;
        foreach (var c in value)
            if (char.IsAsciiLetterOrDigit(c)) buffer[n++] = char.ToLowerInvariant(c);
            else if (c == ' ') buffer[n++] = ' ';
        return buffer[..n];
    }

    /// <summary>Tokens split at punctuation, spaces and lower-to-upper case changes, lower-cased.</summary>
    private static List<string> Tokens(string value)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var c = i < value.Length ? value[i] : ' ';
            var boundary = !char.IsAsciiLetterOrDigit(c) || (i > 0 && char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(value[i - 1]));
            if (boundary && start >= 0)
            {
                tokens.Add(value[start..i].ToLowerInvariant());
                start = -1;
            }
            if (char.IsAsciiLetterOrDigit(c) && start < 0) start = i;
        }
        return tokens;
    }
}
