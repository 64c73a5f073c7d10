namespace Dossier.Ingest;

/// <summary>
/// Decodes a web page's bytes to text, choosing the encoding as a browser does: byte-order mark, then the charset the
/// transport declares (HTTP or WARC header), then the page's own meta charset, then detection. A declaration the bytes
/// contradict (UTF-8 declared over invalid bytes, a legacy code page over well-formed UTF-8, a code page whose letters
/// come out as nonsense while another reads as language) gives way to detection.
/// </summary>
public static class HtmlText
{
    /// <summary>Bytes searched for a meta charset; browsers look at 1024, pages with long heads push it further.</summary>
    private const int PrescanBytes = 4096;

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="declaredCharset"/> is a transport's charset label, if any.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        var (name, bomLength) = ChooseEncoding(bytes, declaredCharset);
        return TextDecoder.NormalizeLineEnds(WebEncodings.Decode(bytes[bomLength..], name));
    }

    /// <summary>The canonical name of the encoding chosen for <paramref name="bytes"/> and the length of its byte-order mark.</summary>
    public static (string Name, int BomLength) ChooseEncoding(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return ("utf-8", 3);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return ("utf-16le", 2);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return ("utf-16be", 2);

        if (WebEncodings.CanonicalName(declaredCharset) is { } transport) return (Checked(bytes, transport), 0);
        if (WebEncodings.CanonicalName(MetaCharset(bytes)) is { } meta)
        {
            // A page that could be read to find its meta is ASCII-compatible, so a UTF-16 label there is wrong (WHATWG).
            if (meta is "utf-16le" or "utf-16be") meta = "utf-8";
            return (Checked(bytes, meta), 0);
        }
        return (CharsetDetector.Detect(bytes), 0);
    }

    /// <summary>The declared encoding, unless the bytes plainly contradict it.</summary>
    private static string Checked(ReadOnlySpan<byte> bytes, string declared)
    {
        if (declared is "utf-16le" or "utf-16be") return declared;
        // Pure ASCII reads the same in every label left; valid UTF-8 with multi-byte characters is UTF-8 whatever it says.
        if (!bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF)) return declared;
        var valid = System.Text.Unicode.Utf8.IsValid(bytes);
        if (declared == "utf-8") return valid || CharsetDetector.LooksUtf8(bytes) ? declared : CharsetDetector.Best(bytes).Name;
        if (valid) return "utf-8";
        if (!WebEncodings.IsSingleByte(declared)) return declared;
        var best = CharsetDetector.Best(bytes);
        if (best.Name == declared) return declared;
        var declaredScore = CharsetDetector.ScoreAs(bytes, declared);
        // Only a clear verdict overrides a label: the best reading is good and the declared one far worse.
        return best.Score >= 10 && declaredScore < best.Score / 2 - 5 ? best.Name : declared;
    }

    /// <summary>The charset a &lt;meta charset&gt; or &lt;meta http-equiv=Content-Type&gt; near the start declares, if any.</summary>
    public static string? MetaCharset(ReadOnlySpan<byte> bytes)
    {
        var head = bytes.Length > PrescanBytes ? bytes[..PrescanBytes] : bytes;
        // Latin-1 keeps every byte as one char, so positions and ASCII markup survive whatever the real encoding is.
        foreach (var tag in HtmlHead.Tags(System.Text.Encoding.Latin1.GetString(head)))
        {
            if (tag.Name != "meta") continue;
            if (tag.Attributes.TryGetValue("charset", out var charset) && !string.IsNullOrWhiteSpace(charset)) return charset.Trim();
            if (tag.Attributes.TryGetValue("http-equiv", out var equiv)
                && equiv.Trim().Equals("content-type", StringComparison.OrdinalIgnoreCase)
                && CharsetParameter(tag.Attributes.GetValueOrDefault("content")) is { } fromContent)
                return fromContent;
        }
        return null;
    }

    /// <summary>The value after "charset=" in a Content-Type value ("text/html; charset=windows-1251"), if any.</summary>
    public static string? CharsetParameter(string? contentType)
    {
        if (contentType is null) return null;
        var at = contentType.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var i = at + "charset".Length;
        while (i < contentType.Length && char.IsWhiteSpace(contentType[i])) i++;
        if (i >= contentType.Length || contentType[i] != '=') return null;
        i++;
        while (i < contentType.Length && char.IsWhiteSpace(contentType[i])) i++;
        var start = i;
        if (i < contentType.Length && contentType[i] is '"' or '\'')
        {
            var quote = contentType[i];
            var end = contentType.IndexOf(quote, i + 1);
            return end < 0 ? null : contentType[(i + 1)..end].Trim();
        }
        while (i < contentType.Length && contentType[i] != ';' && !char.IsWhiteSpace(contentType[i])) i++;
        return i > start ? contentType[start..i] : null;
    }
}
