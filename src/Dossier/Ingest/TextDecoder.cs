using System.Text;

namespace Dossier.Ingest;

/// <summary>
/// Turns a file's bytes into text: BOM-marked UTF-8/UTF-16, UTF-8, else the legacy encoding detection finds most
/// plausible (windows-1252 for Latin text); line ends made LF.
/// </summary>
public static class TextDecoder
{
    // Windows-1252 differs from Latin-1 only in 0x80-0x9F; the five undefined bytes keep their C1 code points.
    private const string Windows1252High =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F"
        + "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    private static readonly UTF8Encoding Utf8Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly UnicodeEncoding Utf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);
    private static readonly UnicodeEncoding Utf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);

    /// <summary>Decodes <paramref name="bytes"/> and normalises CRLF and CR to LF.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes) => NormalizeLineEnds(DecodeKeepingLineEnds(bytes));

    /// <summary>Decodes <paramref name="bytes"/> as <see cref="Decode"/> does (a byte-order mark dropped) but leaves line ends as they are.</summary>
    public static string DecodeKeepingLineEnds(ReadOnlySpan<byte> bytes)
    {
        string text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            text = Utf8Lenient.GetString(bytes[3..]);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            text = Utf16Le.GetString(bytes[2..]);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            text = Utf16Be.GetString(bytes[2..]);
        else if (System.Text.Unicode.Utf8.IsValid(bytes))
            text = Utf8Lenient.GetString(bytes);
        else
            text = WebEncodings.Decode(bytes, CharsetDetector.Detect(bytes));
        return text;
    }

    public static string DecodeWindows1252(ReadOnlySpan<byte> bytes)
        => string.Create(bytes.Length, bytes.ToArray(), static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var b = source[i];
                chars[i] = b is >= 0x80 and <= 0x9F ? Windows1252High[b - 0x80] : (char)b;
            }
        });

    /// <summary>CRLF and lone CR become LF; nothing else is touched.</summary>
    public static string NormalizeLineEnds(string text)
    {
        var firstCr = text.IndexOf('\r');
        if (firstCr < 0) return text;
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstCr);
        for (var i = firstCr; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\r') { builder.Append(c); continue; }
            builder.Append('\n');
            if (i + 1 < text.Length && text[i + 1] == '\n') i++;
        }
        return builder.ToString();
    }

    /// <summary>
    /// Line ends made LF without moving any character: CRLF becomes space and LF, a lone CR becomes LF, so offsets
    /// into the result are offsets into <paramref name="text"/>.
    /// </summary>
    public static string LineEndsInPlace(string text)
    {
        if (!text.Contains('\r', StringComparison.Ordinal)) return text;
        return string.Create(text.Length, text, static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                chars[i] = c != '\r' ? c : i + 1 < source.Length && source[i + 1] == '\n' ? ' ' : '\n';
            }
        });
    }

    /// <summary>True when the text holds a NUL or more than <paramref name="maxControlShare"/> of other control characters.</summary>
    public static bool LooksBinary(ReadOnlySpan<char> text, double maxControlShare)
    {
        if (text.Contains('\0')) return true;
        var controls = 0;
        foreach (var c in text)
            if (c < 0x20 && c is not ('\t' or '\n' or '\r' or '\f' or '\v')) controls++;
        return text.Length > 0 && controls > text.Length * maxControlShare;
    }
}
