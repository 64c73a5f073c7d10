using System.Collections.Frozen;
using System.Text;

namespace Dossier.Ingest;

/// <summary>Character-set labels as the WHATWG Encoding Standard maps them, resolved to .NET encodings.</summary>
public static class WebEncodings
{
    static WebEncodings()
    {
        // Process-wide and idempotent: makes the legacy code pages (windows-125x, KOI8, ISO-8859-x, CJK) available.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Makes sure the legacy code pages are registered before a reader of its own (XML) looks one up.</summary>
    public static void EnsureRegistered()
    {
        // Calling any member runs the static constructor once; there is nothing else to do.
    }

    /// <summary>Canonical name -> code page; a canonical name .NET lacks falls back to its nearest relative.</summary>
    private static readonly FrozenDictionary<string, int> CodePages = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["utf-8"] = 65001, ["utf-16le"] = 1200, ["utf-16be"] = 1201,
        ["ibm866"] = 866, ["windows-874"] = 874,
        ["windows-1250"] = 1250, ["windows-1251"] = 1251, ["windows-1252"] = 1252, ["windows-1253"] = 1253,
        ["windows-1254"] = 1254, ["windows-1255"] = 1255, ["windows-1256"] = 1256, ["windows-1257"] = 1257,
        ["windows-1258"] = 1258,
        ["iso-8859-2"] = 28592, ["iso-8859-3"] = 28593, ["iso-8859-4"] = 28594, ["iso-8859-5"] = 28595,
        ["iso-8859-6"] = 28596, ["iso-8859-7"] = 28597, ["iso-8859-8"] = 28598, ["iso-8859-8-i"] = 28598,
        ["iso-8859-10"] = 28594, ["iso-8859-13"] = 28603, ["iso-8859-14"] = 28605, ["iso-8859-15"] = 28605,
        ["iso-8859-16"] = 28592,
        ["koi8-r"] = 20866, ["koi8-u"] = 21866, ["macintosh"] = 10000, ["x-mac-cyrillic"] = 10007,
        ["gbk"] = 936, ["gb18030"] = 54936, ["big5"] = 950, ["euc-jp"] = 51932, ["iso-2022-jp"] = 50220,
        ["shift_jis"] = 932, ["euc-kr"] = 949,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Label -> canonical name, from the WHATWG table (labels are matched case-insensitively after trimming).</summary>
    private static readonly FrozenDictionary<string, string> Labels = BuildLabels();

    private static FrozenDictionary<string, string> BuildLabels()
    {
        var table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(string name, params string[] labels)
        {
            table[name] = name;
            foreach (var label in labels) table[label] = name;
        }
        Add("utf-8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf8", "x-unicode20utf8");
        Add("ibm866", "866", "cp866", "csibm866");
        Add("iso-8859-2", "csisolatin2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987", "l2", "latin2");
        Add("iso-8859-3", "csisolatin3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3", "iso_8859-3:1988", "l3", "latin3");
        Add("iso-8859-4", "csisolatin4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4", "iso_8859-4:1988", "l4", "latin4");
        Add("iso-8859-5", "csisolatincyrillic", "cyrillic", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5", "iso_8859-5:1988");
        Add("iso-8859-6", "arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114", "iso-8859-6-e",
            "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6", "iso_8859-6:1987");
        Add("iso-8859-7", "csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-ir-126", "iso8859-7", "iso88597",
            "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek");
        Add("iso-8859-8", "csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8-e", "iso-ir-138", "iso8859-8", "iso88598",
            "iso_8859-8", "iso_8859-8:1988", "visual");
        Add("iso-8859-8-i", "csiso88598i", "logical");
        Add("iso-8859-10", "csisolatin6", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6");
        Add("iso-8859-13", "iso8859-13", "iso885913");
        Add("iso-8859-14", "iso8859-14", "iso885914");
        Add("iso-8859-15", "csisolatin9", "iso8859-15", "iso885915", "iso_8859-15", "l9");
        Add("iso-8859-16");
        Add("koi8-r", "cskoi8r", "koi", "koi8", "koi8_r");
        Add("koi8-u", "koi8-ru");
        Add("macintosh", "csmacintosh", "mac", "x-mac-roman");
        Add("windows-874", "dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620");
        Add("windows-1250", "cp1250", "x-cp1250");
        Add("windows-1251", "cp1251", "x-cp1251");
        Add("windows-1252", "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
            "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "x-cp1252");
        Add("windows-1253", "cp1253", "x-cp1253");
        Add("windows-1254", "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9",
            "iso_8859-9:1989", "l5", "latin5", "x-cp1254");
        Add("windows-1255", "cp1255", "x-cp1255");
        Add("windows-1256", "cp1256", "x-cp1256");
        Add("windows-1257", "cp1257", "x-cp1257");
        Add("windows-1258", "cp1258", "x-cp1258");
        Add("x-mac-cyrillic", "x-mac-ukrainian");
        Add("gbk", "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "iso-ir-58", "x-gbk");
        Add("gb18030");
        Add("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5");
        Add("euc-jp", "cseucpkdfmtjapanese", "x-euc-jp");
        Add("iso-2022-jp", "csiso2022jp");
        Add("shift_jis", "csshiftjis", "ms932", "ms_kanji", "shift-jis", "sjis", "windows-31j", "x-sjis");
        Add("euc-kr", "cseuckr", "csksc56011987", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601",
            "ksc_5601", "windows-949");
        Add("utf-16be", "unicodefffe");
        Add("utf-16le", "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16");
        return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The canonical WHATWG name for <paramref name="label"/> ("latin1" -> "windows-1252"), or null if unknown.</summary>
    public static string? CanonicalName(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        var trimmed = label.Trim().Trim('"', '\'').Trim();
        return Labels.TryGetValue(trimmed, out var name) ? name : null;
    }

    /// <summary>The encoding for a canonical name; undecodable bytes become U+FFFD.</summary>
    public static Encoding Get(string canonicalName)
        => Encodings.TryGetValue(canonicalName, out var encoding) ? encoding.Value : Encodings["windows-1252"].Value;

    /// <summary>Each encoding built once, on first use (building one loads its code-page tables).</summary>
    private static readonly FrozenDictionary<string, Lazy<Encoding>> Encodings = CodePages.ToFrozenDictionary(
        static pair => pair.Key,
        static pair => new Lazy<Encoding>(() => Encoding.GetEncoding(pair.Value, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"))),
        StringComparer.Ordinal);

    /// <summary>Decodes with a canonical name; windows-1252 keeps its undefined bytes as C1 controls, as browsers do.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string canonicalName)
        => canonicalName switch
        {
            "windows-1252" => TextDecoder.DecodeWindows1252(bytes),
            "utf-8" => Utf8.GetString(bytes),
            _ => Get(canonicalName).GetString(bytes),
        };

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>True for encodings where every byte is one character (the ones detection can weigh by letters).</summary>
    public static bool IsSingleByte(string canonicalName)
        => canonicalName is not ("utf-8" or "utf-16le" or "utf-16be" or "gbk" or "gb18030" or "big5" or "euc-jp"
            or "iso-2022-jp" or "shift_jis" or "euc-kr");
}
