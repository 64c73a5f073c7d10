using System.Globalization;
using System.Text;

namespace Dossier.Render.Html;

/// <summary>The only link targets a page may carry: absolute http/https URLs and relative references.</summary>
internal static class Hrefs
{
    /// <summary>An article's URL as a link target, only when it is absolute http or https.</summary>
    public static string? Web(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        var absolute = uri.AbsoluteUri;
        return Plain(absolute) ? absolute : null;
    }

    /// <summary>A caller-built href: http/https, or relative to this site (not protocol-relative), else null.</summary>
    public static string? Local(string? href)
    {
        if (string.IsNullOrEmpty(href) || !Plain(href)) return null;
        var colon = href.IndexOf(':');
        var stop = href.IndexOfAny(['/', '?', '#']);
        if (colon >= 0 && (stop < 0 || colon < stop)) return Web(href);
        // "//host/x" leaves the site.
        return href.StartsWith("//", StringComparison.Ordinal) ? null : href;
    }

    /// <summary>Browsers drop or rewrite whitespace, controls and backslashes in URLs; an href with any is refused.</summary>
    private static bool Plain(string href)
    {
        foreach (var c in href)
            if (c <= ' ' || c == '\\' || c == '\u007f' || char.IsControl(c) || char.IsWhiteSpace(c)) return false;
        return true;
    }

    /// <summary>
    /// Content made into an id or URL fragment: letters, digits, '_' and '-' kept, any other character as ".XXXX"
    /// (UTF-16 hex), so distinct inputs give distinct ids.
    /// </summary>
    public static string IdPart(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-') sb.Append(c);
            else sb.Append('.').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
