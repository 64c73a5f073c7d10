using Dossier.Ingest;
using Xunit;

namespace Dossier.Tests.Ingest;

public sealed class HtmlTextTests
{
    public static TheoryData<string, string> Legacy => new()
    {
        { Samples.Russian, "windows-1251" },
        { Samples.Russian, "koi8-r" },
        { Samples.Ukrainian, "koi8-u" },
        { Samples.Ukrainian, "windows-1251" },
        { Samples.Greek, "windows-1253" },
        { Samples.Polish, "windows-1250" },
        { Samples.Czech, "windows-1250" },
        { Samples.French, "windows-1252" },
        { Samples.German, "windows-1252" },
        { Samples.Turkish, "windows-1254" },
        { Samples.Hebrew, "windows-1255" },
        { Samples.Arabic, "windows-1256" },
        { Samples.Thai, "windows-874" },
    };

    [Theory]
    [MemberData(nameof(Legacy))]
    public void Undeclared_legacy_encoding_is_detected(string text, string encoding)
    {
        var bytes = Samples.Encode(Samples.Page(text), encoding);

        Assert.Contains(text, HtmlText.Decode(bytes, null), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Legacy))]
    public void Plain_text_files_get_the_same_detection(string text, string encoding)
    {
        Assert.Equal(text, TextDecoder.Decode(Samples.Encode(text, encoding)));
    }

    [Theory]
    [MemberData(nameof(Legacy))]
    public void Each_sentence_alone_is_detected(string text, string encoding)
    {
        // One accented letter alone cannot tell Turkish ğ from Icelandic ð: a sentence needs two different ones.
        foreach (var sentence in text.Split(". ", StringSplitOptions.RemoveEmptyEntries).Where(s => s.Where(c => c > 0x7F).Distinct().Count() >= 2))
            Assert.Equal(sentence, TextDecoder.Decode(Samples.Encode(sentence, encoding)));
    }

    [Theory]
    [InlineData("<meta charset=\"koi8-r\">")]
    [InlineData("<meta charset=koi8-r />")]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=KOI8-R\">")]
    [InlineData("<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=\"koi8\"'>")]
    public void Meta_charset_is_read_in_its_forms(string meta)
    {
        var bytes = Samples.Encode(Samples.Page(Samples.Russian, meta), "koi8-r");

        Assert.Equal("koi8-r", HtmlText.ChooseEncoding(bytes, null).Name);
        Assert.Contains(Samples.Russian, HtmlText.Decode(bytes, null), StringComparison.Ordinal);
    }

    [Fact]
    public void A_meta_inside_a_comment_does_not_count()
    {
        var bytes = Samples.Encode(Samples.Page(Samples.Russian, "<!-- <meta charset=koi8-r> --><meta charset=windows-1251>"), "windows-1251");

        Assert.Equal("windows-1251", HtmlText.ChooseEncoding(bytes, null).Name);
    }

    [Fact]
    public void The_transport_charset_wins_over_the_meta()
    {
        var bytes = Samples.Encode(Samples.Page(Samples.Greek, "<meta charset=iso-8859-7>"), "windows-1253");

        Assert.Equal("windows-1253", HtmlText.ChooseEncoding(bytes, "windows-1253").Name);
        Assert.Equal("iso-8859-7", HtmlText.ChooseEncoding(bytes, null).Name);
    }

    [Fact]
    public void A_byte_order_mark_wins_over_every_declaration()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Samples.Page(Samples.Russian, "<meta charset=windows-1251>"))];

        Assert.Equal(("utf-8", 3), HtmlText.ChooseEncoding(bytes, "koi8-r"));
        Assert.Contains(Samples.Russian, HtmlText.Decode(bytes, "koi8-r"), StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_decoded()
    {
        byte[] bytes = [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes(Samples.Page(Samples.Chinese))];

        Assert.Contains(Samples.Chinese, HtmlText.Decode(bytes, null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("iso-8859-1")]
    [InlineData("koi8-r")]
    public void Valid_utf8_labelled_as_a_legacy_encoding_is_read_as_utf8(string label)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Samples.Page(Samples.Russian + " " + Samples.French, $"<meta charset={label}>"));

        Assert.Contains(Samples.Russian, HtmlText.Decode(bytes, null), StringComparison.Ordinal);
        Assert.Contains(Samples.French, HtmlText.Decode(bytes, label), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-8", "windows-1251")]
    [InlineData("utf-8", "koi8-r")]
    [InlineData("koi8-r", "windows-1251")]
    [InlineData("windows-1251", "koi8-r")]
    [InlineData("iso-8859-1", "windows-1251")]
    public void A_wrong_declaration_gives_way_to_detection(string declared, string actual)
    {
        var bytes = Samples.Encode(Samples.Page(Samples.Russian, $"<meta charset={declared}>"), actual);

        Assert.Equal(actual, HtmlText.ChooseEncoding(bytes, null).Name);
        Assert.Contains(Samples.Russian, HtmlText.Decode(bytes, null), StringComparison.Ordinal);
        Assert.Contains(Samples.Russian, HtmlText.Decode(Samples.Encode(Samples.Page(Samples.Russian), actual), declared), StringComparison.Ordinal);
    }

    [Fact]
    public void A_right_but_unusual_declaration_is_kept()
    {
        // iso-8859-2 and windows-1250 read Czech alike except in a few letters: the label decides.
        var bytes = Samples.Encode(Samples.Page(Samples.Czech, "<meta charset=iso-8859-2>"), "iso-8859-2");

        Assert.Equal("iso-8859-2", HtmlText.ChooseEncoding(bytes, null).Name);
        Assert.Contains(Samples.Czech, HtmlText.Decode(bytes, null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("latin1", "windows-1252")]
    [InlineData(" ISO-8859-1 ", "windows-1252")]
    [InlineData("us-ascii", "windows-1252")]
    [InlineData("utf8", "utf-8")]
    [InlineData("cp1251", "windows-1251")]
    [InlineData("koi8", "koi8-r")]
    [InlineData("gb2312", "gbk")]
    [InlineData("x-sjis", "shift_jis")]
    [InlineData("ks_c_5601-1987", "euc-kr")]
    [InlineData("no-such-charset", null)]
    public void Labels_map_as_the_encoding_standard_says(string label, string? canonical)
    {
        Assert.Equal(canonical, WebEncodings.CanonicalName(label));
    }

    [Fact]
    public void Latin1_label_decodes_the_windows_1252_extras()
    {
        byte[] bytes = [.. "<meta charset=iso-8859-1><p>"u8, 0x93, .. "Caf"u8, 0xE9, 0x94, 0x20, 0x80, .. "5"u8];

        Assert.EndsWith("\u201CCaf\u00E9\u201D \u20AC5", HtmlText.Decode(bytes, null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gb2312", "gbk")]
    [InlineData("shift_jis", "shift_jis")]
    [InlineData("euc-kr", "euc-kr")]
    [InlineData("big5", "big5")]
    public void Declared_cjk_encodings_decode(string label, string dotnetName)
    {
        var text = label switch
        {
            "euc-kr" => Samples.Korean,
            "shift_jis" => Samples.Japanese,
            "big5" => Samples.TraditionalChinese,
            _ => Samples.Chinese,
        };
        var bytes = Samples.Encode(Samples.Page(text, $"<meta charset={label}>"), dotnetName == "gbk" ? "gb2312" : dotnetName);

        Assert.Contains(text, HtmlText.Decode(bytes, null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gb2312")]
    [InlineData("big5")]
    [InlineData("shift_jis")]
    [InlineData("euc-jp")]
    [InlineData("euc-kr")]
    public void Undeclared_cjk_is_detected(string encoding)
    {
        var text = encoding switch
        {
            "shift_jis" or "euc-jp" => Samples.Japanese,
            "euc-kr" => Samples.Korean,
            "big5" => Samples.TraditionalChinese,
            _ => Samples.Chinese,
        };
        var bytes = Samples.Encode(Samples.Page(text), encoding);

        Assert.Contains(text, HtmlText.Decode(bytes, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Letters_far_down_a_long_page_are_found()
    {
        var head = "<script>" + string.Concat(Enumerable.Repeat("var x = 1; ", 12_000)) + "</script>";
        var bytes = Samples.Encode(Samples.Page(Samples.Russian, head), "koi8-r");

        Assert.True(bytes.Length > 100_000);
        Assert.Contains(Samples.Russian, HtmlText.Decode(bytes, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Mostly_utf8_with_a_stray_byte_stays_utf8()
    {
        var good = System.Text.Encoding.UTF8.GetBytes(Samples.Page(Samples.Russian));
        byte[] bytes = [.. good[..40], 0xFF, .. good[40..]];

        Assert.Contains(Samples.Russian, HtmlText.Decode(bytes, null), StringComparison.Ordinal);
        Assert.Contains(Samples.Russian, HtmlText.Decode(bytes, "utf-8"), StringComparison.Ordinal);
    }

    [Fact]
    public void Ascii_only_page_is_unchanged_whatever_the_label()
    {
        var page = Samples.Page("Plain words, nothing more.");
        var bytes = System.Text.Encoding.ASCII.GetBytes(page);

        Assert.Equal(page, HtmlText.Decode(bytes, "koi8-r"));
        Assert.Equal(page, HtmlText.Decode(bytes, null));
    }

    [Fact]
    public void Page_url_comes_from_canonical_then_og_url()
    {
        Assert.Equal("https://news.example/a/1", HtmlHead.DeclaredUrl(
            "<html><head><meta property=\"og:url\" content=\"https://news.example/og\"><link rel=\"canonical\" href=\"https://news.example/a/1\"></head><body></body></html>"));
        Assert.Equal("https://news.example/og", HtmlHead.DeclaredUrl("<meta property='og:url' content='https://news.example/og'>"));
        Assert.Null(HtmlHead.DeclaredUrl("<link rel=canonical href=/relative>"));
    }
}
