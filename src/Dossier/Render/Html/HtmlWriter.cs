using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Dossier.Render.Html;

/// <summary>Builds markup where every piece of content goes through the encoder and every attribute is quoted.</summary>
internal sealed class HtmlWriter
{
    // All ranges allowed so letters stay readable; markup characters and quotes are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(new TextEncoderSettings(UnicodeRanges.All));

    private readonly StringBuilder _sb = new(16 * 1024);

    public static string Encode(string text) => Encoder.Encode(text);

    /// <summary>Markup written by this program, never content.</summary>
    public HtmlWriter Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    public HtmlWriter Text(string text)
    {
        Encoder.Encode(new StringWriter(_sb), text);
        return this;
    }

    public HtmlWriter Text(string text, int start, int end)
    {
        if (end > start) Encoder.Encode(new StringWriter(_sb), text, start, end - start);
        return this;
    }

    /// <summary>An opening tag; attributes whose value is null are left out.</summary>
    public HtmlWriter Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        _sb.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            _sb.Append(' ').Append(name).Append("=\"");
            Text(value);
            _sb.Append('"');
        }
        _sb.Append('>');
        return this;
    }

    public HtmlWriter Close(string tag)
    {
        _sb.Append("</").Append(tag).Append('>');
        return this;
    }

    public HtmlWriter Element(string tag, string text, params ReadOnlySpan<(string Name, string? Value)> attributes)
        => Open(tag, attributes).Text(text).Close(tag);

    /// <summary>A link when the href is safe, else the bare text.</summary>
    public HtmlWriter Link(string? href, string text, string? title = null, string? cls = null, string? rel = null)
    {
        if (href is null) return cls is null ? Text(text) : Element("span", text, ("class", cls));
        return Element("a", text, ("href", href), ("class", cls), ("title", title), ("rel", rel));
    }

    public override string ToString() => _sb.ToString();
}
