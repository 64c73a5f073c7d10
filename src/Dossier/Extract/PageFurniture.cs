using System.Collections.Frozen;

namespace Dossier.Extract;

/// <summary>Where a line sits, which decides which furniture rules may apply to it.</summary>
internal enum LinePlace
{
    /// <summary>Anywhere, before the title is known: only phrase, address and credit rules.</summary>
    Any,
    /// <summary>In the body, after the title: name-only captions too.</summary>
    Body,
    /// <summary>In the run of short lines that ends the article.</summary>
    Tail,
}

/// <summary>
/// Scores a line as web page furniture (share buttons, cookie notes, captions, credits) by general rules:
/// a short line earns points for furniture phrases or a caption's shape, and loses them for reading as a sentence.
/// </summary>
internal static class PageFurniture
{
    public const int MaxFurnitureWords = 12;
    private const int Threshold = 2;

    private enum Strength { Normal = 2, Strong = 4 }

    // Phrases that mark a short line as furniture wherever they occur in it (matched on whole words).
    private static readonly (string Phrase, Strength Strength, string Reason)[] AnywherePhrases =
    [
        ("related posts", Strength.Normal, Boilerplate), ("related articles", Strength.Normal, Boilerplate),
        ("related stories", Strength.Normal, Boilerplate), ("related news", Strength.Normal, Boilerplate),
        ("related content", Strength.Normal, Boilerplate), ("related coverage", Strength.Normal, Boilerplate),
        ("leave a reply", Strength.Normal, Boilerplate), ("leave a comment", Strength.Normal, Boilerplate),
        ("post a comment", Strength.Normal, Boilerplate), ("add a comment", Strength.Normal, Boilerplate),
        ("view comments", Strength.Normal, Boilerplate), ("comments are closed", Strength.Normal, Boilerplate),
        ("share this", Strength.Normal, Boilerplate), ("share on", Strength.Normal, Boilerplate),
        ("share via", Strength.Normal, Boilerplate), ("share with", Strength.Normal, Boilerplate),
        ("subscribe", Strength.Normal, Boilerplate), ("sign up", Strength.Normal, Boilerplate),
        ("newsletter", Strength.Normal, Boilerplate), ("newsletters", Strength.Normal, Boilerplate),
        ("cookie", Strength.Normal, Boilerplate), ("cookies", Strength.Normal, Boilerplate),
        ("advertisement", Strength.Normal, Boilerplate), ("sponsored", Strength.Normal, Boilerplate),
        ("read more", Strength.Normal, Boilerplate), ("continue reading", Strength.Normal, Boilerplate),
        ("click here", Strength.Normal, Boilerplate), ("follow us", Strength.Normal, Boilerplate),
        ("all rights reserved", Strength.Strong, Boilerplate), ("copyright", Strength.Strong, Boilerplate),
        ("you may also like", Strength.Normal, Boilerplate), ("you might also like", Strength.Normal, Boilerplate),
        ("recommended for you", Strength.Normal, Boilerplate), ("most read", Strength.Normal, Boilerplate),
        ("most popular", Strength.Normal, Boilerplate), ("most viewed", Strength.Normal, Boilerplate),
        ("privacy policy", Strength.Normal, Boilerplate), ("terms of use", Strength.Normal, Boilerplate),
        ("terms of service", Strength.Normal, Boilerplate), ("previous article", Strength.Normal, Boilerplate),
        ("next article", Strength.Normal, Boilerplate), ("previous post", Strength.Normal, Boilerplate),
        ("next post", Strength.Normal, Boilerplate), ("posted in", Strength.Normal, Boilerplate),
        ("filed under", Strength.Normal, Boilerplate), ("skip to content", Strength.Normal, Boilerplate),
        ("back to top", Strength.Normal, Boilerplate), ("log in", Strength.Normal, Boilerplate),
        ("sign in", Strength.Normal, Boilerplate), ("print this", Strength.Normal, Boilerplate),
        ("email this", Strength.Normal, Boilerplate), ("getty images", Strength.Normal, Caption),
        ("ap photo", Strength.Normal, Caption), ("photo credit", Strength.Normal, Caption),
    ];

    // Words that open a furniture line ("Tags: …", "Trending now", "Photo: …").
    private static readonly (string Word, string Reason)[] OpeningWords =
    [
        ("tags", Boilerplate), ("tagged", Boilerplate), ("trending", Boilerplate), ("recommended", Boilerplate),
        ("popular", Boilerplate), ("register", Boilerplate), ("photo", Caption), ("photos", Caption),
        ("image", Caption), ("picture", Caption), ("photograph", Caption), ("credit", Caption), ("video", Caption),
    ];

    // A line made only of these words is a row of share buttons or site navigation.
    private static readonly FrozenSet<string> ButtonWords = FrozenSet.ToFrozenSet(
    [
        "share", "on", "facebook", "twitter", "x", "whatsapp", "email", "e", "mail", "linkedin", "reddit",
        "telegram", "pinterest", "print", "tweet", "copy", "link", "comments", "comment", "related", "menu",
        "home", "more", "this", "article", "story", "save", "messenger", "flipboard", "tumblr", "sms",
    ], StringComparer.Ordinal);

    // Agencies whose name before a slash or in parentheses marks a picture credit ("Reuters/Jane Doe").
    private static readonly string[] AgencyCredits = ["reuters/", "afp/", "ap/", "epa/", "getty/", "/reuters", "/afp", "/ap", "/getty", "/epa", "(ap)", "(afp)"];

    public const string Boilerplate = "boilerplate phrase";
    public const string Caption = "caption";
    public const string Trailing = "trailing furniture";
    public const string Url = "url";
    public const string Email = "email";

    /// <summary>The reason to remove <paramref name="line"/>, or null to keep it.</summary>
    public static string? Judge(string line, LinePlace place, bool isHeading) => Judge(line, place, isHeading, out _);

    /// <summary>As <see cref="Judge(string, LinePlace, bool)"/>; <paramref name="byNameShape"/> tells a name-only caption from a phrase.</summary>
    public static string? Judge(string line, LinePlace place, bool isHeading, out bool byNameShape)
    {
        byNameShape = false;
        var trimmed = line.AsSpan().Trim();
        if (trimmed.IsEmpty) return null;
        if (IsUrl(trimmed)) return Url;
        if (IsEmail(trimmed)) return Email;
        // Every rule below is for short lines; a long one is prose and costs one scan to rule out.
        if (trimmed.Length > LineShape.MaxMeasuredChars || HasMoreWordsThan(trimmed, MaxFurnitureWords)) return null;

        var shape = LineShape.Of(trimmed);
        var score = 0;
        string? reason = null;
        if (shape.Words <= MaxFurnitureWords)
        {
            // A sentence loses the points a normal phrase earns, so only the strong phrases need looking for.
            var (points, why) = shape.ReadsAsSentence ? StrongPhrasePoints(trimmed) : PhrasePoints(trimmed, shape);
            if (points > 0) { score += points; reason = why; }
        }
        if (reason is null && place != LinePlace.Any && !isHeading && IsNameCaption(shape))
        {
            score += Threshold;
            reason = Caption;
            byNameShape = true;
        }
        if (reason is null && place == LinePlace.Tail && shape.Words <= MaxFurnitureWords && !shape.EndsSentence
            && !(shape.Words >= 8 && shape.LowercaseWords * 2 >= shape.Words))
        {
            score += Threshold;
            reason = Trailing;
        }
        if (shape.ReadsAsSentence) score -= Threshold;
        return score >= Threshold ? reason : null;
    }

    private static bool HasMoreWordsThan(ReadOnlySpan<char> line, int limit)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in line)
        {
            var space = c is ' ' or '\t';
            if (!space && !inWord && ++words > limit) return true;
            inWord = !space;
        }
        return false;
    }

    /// <summary>A short label of capitalised words and no clause: "Jane Doe-John Smith", "President Jane Doe and Minister John Smith".</summary>
    private static bool IsNameCaption(LineShape shape)
        => shape.Words is >= 2 and <= MaxFurnitureWords
           && !shape.HasDigit
           && !shape.EndsWithClausePunctuation
           && !shape.HasCapitalisedFunctionWord
           && !shape.HasVerbLikeWord
           && shape.CapitalisedWords * 4 >= shape.Words * 3;

    private static (int Points, string? Reason) StrongPhrasePoints(ReadOnlySpan<char> line)
    {
        if (line.Contains('\u00A9')) return ((int)Strength.Strong, Boilerplate);
        if (!line.Contains("right", StringComparison.OrdinalIgnoreCase)) return (0, null);
        Span<char> buffer = stackalloc char[line.Length];
        var lower = buffer[..line.ToLowerInvariant(buffer)];
        foreach (var (phrase, strength, why) in AnywherePhrases)
            if (strength == Strength.Strong && ContainsWords(lower, phrase)) return ((int)strength, why);
        return (0, null);
    }

    private static (int Points, string? Reason) PhrasePoints(ReadOnlySpan<char> line, LineShape shape)
    {
        if (line.Contains('\u00A9')) return ((int)Strength.Strong, Boilerplate);
        Span<char> buffer = stackalloc char[line.Length];
        var lower = buffer[..line.ToLowerInvariant(buffer)];

        foreach (var credit in AgencyCredits)
            if (lower.Contains(credit, StringComparison.Ordinal)) return ((int)Strength.Normal, Caption);

        var best = 0;
        string? reason = null;
        foreach (var (phrase, strength, why) in AnywherePhrases)
        {
            if ((int)strength > best && ContainsWords(lower, phrase))
            {
                best = (int)strength;
                reason = why;
            }
        }
        if (best > 0) return (best, reason);

        var firstWord = FirstWord(lower, out var afterFirst);
        foreach (var (word, why) in OpeningWords)
        {
            // "Photo: …", "Tags: …", or the word alone or with a couple more ("Trending now").
            if (!firstWord.SequenceEqual(word)) continue;
            var rest = lower[afterFirst..].TrimStart();
            if (rest.IsEmpty || rest[0] is ':' or '|' or '/' || shape.Words <= 3) return ((int)Strength.Normal, why);
        }

        if (IsButtonRow(lower)) return ((int)Strength.Normal, Boilerplate);
        return (0, null);
    }

    private static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> lower, out int end)
    {
        var start = 0;
        while (start < lower.Length && !char.IsLetterOrDigit(lower[start])) start++;
        end = start;
        while (end < lower.Length && char.IsLetter(lower[end])) end++;
        return lower[start..end];
    }

    private static bool IsButtonRow(ReadOnlySpan<char> lower)
    {
        var any = false;
        var i = 0;
        while (i < lower.Length)
        {
            var c = lower[i];
            if (char.IsLetter(c))
            {
                var start = i;
                while (i < lower.Length && char.IsLetter(lower[i])) i++;
                if (!ButtonWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(lower[start..i])) return false;
                any = true;
                continue;
            }
            // Counts ("Comments (12)") and separators are allowed; other text is not.
            if (!(char.IsDigit(c) || char.IsWhiteSpace(c) || c is '|' or '/' or '(' or ')' or '-' or ':' or '\u2022' or '\u00B7' or ',' or '.' or '+')) return false;
            i++;
        }
        return any;
    }

    /// <summary>True when <paramref name="phrase"/> occurs in <paramref name="lower"/> with word boundaries on both sides.</summary>
    private static bool ContainsWords(ReadOnlySpan<char> lower, string phrase)
    {
        var from = 0;
        while (from < lower.Length)
        {
            var at = lower[from..].IndexOf(phrase, StringComparison.Ordinal);
            if (at < 0) return false;
            at += from;
            var end = at + phrase.Length;
            var startOk = at == 0 || !char.IsLetterOrDigit(lower[at - 1]);
            var endOk = end == lower.Length || !char.IsLetterOrDigit(lower[end]);
            if (startOk && endOk) return true;
            from = at + 1;
        }
        return false;
    }

    public static bool IsUrl(ReadOnlySpan<char> s)
    {
        if (s.ContainsAny(' ', '\t')) return false;
        return (s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && s.Length > 7)
               || (s.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && s.Length > 8)
               || (s.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && s.Length > 6 && s[4..].Contains('.'));
    }

    public static bool IsEmail(ReadOnlySpan<char> s)
    {
        if (s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) s = s[7..];
        if (s.ContainsAny(' ', '\t')) return false;
        var at = s.IndexOf('@');
        return at > 0 && at == s.LastIndexOf('@') && s[(at + 1)..].TrimEnd('.').Contains('.') && char.IsLetterOrDigit(s[^1]);
    }
}
