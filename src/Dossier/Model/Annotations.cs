namespace Dossier.Model;

/// <summary>A token: a word, number or punctuation mark, as a span of the text.</summary>
public readonly record struct Token(int Start, int Length)
{
    public int End => Start + Length;
    public TextSpan Span => new(Start, Length);
}

/// <summary>A sentence: its span and the range of its tokens in the article's token list.</summary>
public readonly record struct Sentence(TextSpan Span, int FirstToken, int TokenCount)
{
    public int EndToken => FirstToken + TokenCount;
}

public enum EntityType { PER, ORG, LOC, MISC }

/// <summary>A named-entity mention. <see cref="Span"/> covers the name only, not a title before it.</summary>
public sealed record EntityMention(TextSpan Span, EntityType Type)
{
    /// <summary>A role or title written just before the name ("Russian Defence Minister"), if any.</summary>
    public TextSpan? Title { get; init; }
}

public enum TimexType { DATE, TIME, DURATION, SET }

/// <summary>
/// A time expression. <see cref="Reference"/> is what the words mean before anchoring ("Friday", "in June");
/// <see cref="Value"/> is its TIMEX3 value once anchored to the article's date; with no date the unknown digits are X
/// ("XXXX-XX-XX", "XXXX-WXX-5"), and it is null only when the value is out of range.
/// </summary>
public sealed record TimeExpression(TextSpan Span, TimexType Type, TimeReference Reference, string? Value)
{
    /// <summary>The same expression anchored to another document date.</summary>
    public TimeExpression AnchoredTo(DateOnly anchor) => this with { Value = Reference.Resolve(anchor) };
}

public enum FigureKind { Count, Money, Percent, Quantity }

/// <summary>
/// A number with what it counts, as an interval: "more than 10,000" is (10000, null); "about 12,000" is
/// [12000, 12000] with <see cref="Approximate"/> set; "between 10 and 12" is [10, 12].
/// </summary>
public sealed record FigureMention(TextSpan Span, FigureKind Kind, double? Low, double? High, bool Approximate)
{
    /// <summary>The counted noun or currency as written ("soldiers", "USD").</summary>
    public string? Unit { get; init; }
    /// <summary>The class used to compare figures across sources (troops, soldiers and personnel share one).</summary>
    public string? UnitClass { get; init; }
    /// <summary>The span of the counted noun, when written.</summary>
    public TextSpan? UnitSpan { get; init; }
    /// <summary>The lemma of the verb that governs the figure ("send"), when found.</summary>
    public string? Verb { get; init; }
    /// <summary>Where that verb is written.</summary>
    public TextSpan? VerbSpan { get; init; }
    /// <summary>The amount with its bound and currency but not its counted noun ("more than 10,000"); null means <see cref="Span"/>.</summary>
    public TextSpan? AmountSpan { get; init; }
    /// <summary>Who or what the figure's clause is about: the subject of the governing verb ("North Korea" in "North Korea has sent 12,000 troops").</summary>
    public TextSpan? SubjectSpan { get; init; }
}

public enum QuoteKind { Direct, Partial, Reported }

/// <summary>
/// A quotation: the quoted words, who said them (as written: a name, a title or a pronoun) and, when the
/// speaker is a pronoun or a title, the name mention it stands for in the same article.
/// </summary>
public sealed record QuoteMention(TextSpan Content, QuoteKind Kind)
{
    /// <summary>The speaker as written, e.g. "Kim", "he", "the minister".</summary>
    public TextSpan? Speaker { get; init; }
    /// <summary>The name mention the speaker resolves to, in this article.</summary>
    public TextSpan? SpeakerName { get; init; }
    /// <summary>The cue ("said", "according to", "was quoted as saying").</summary>
    public string? Cue { get; init; }
    /// <summary>The outlet or agency that relayed the words ("KCNA" in "was quoted by KCNA").</summary>
    public TextSpan? Via { get; init; }
}

/// <summary>An article with its annotation layers, each a list of spans into <see cref="Article.Text"/>.</summary>
public sealed record AnnotatedArticle(
    Article Article,
    IReadOnlyList<Sentence> Sentences,
    IReadOnlyList<Token> Tokens,
    IReadOnlyList<EntityMention> Entities,
    IReadOnlyList<TimeExpression> Times,
    IReadOnlyList<FigureMention> Figures,
    IReadOnlyList<QuoteMention> Quotes)
{
    public string Text => Article.Text;
    public string Id => Article.Id;
    public string Of(TextSpan span) => span.Of(Article.Text);
}
