namespace Dossier.Model;

/// <summary>A pointer to the exact characters of an article that support something Dossier says.</summary>
public sealed record Citation(string Article, TextSpan Span);

/// <summary>One real-world referent across the articles of a story, with every surface form seen.</summary>
public sealed record StoryEntity(
    string Id,
    string Name,
    EntityType Type,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Articles,
    IReadOnlyList<Citation> Mentions)
{
    /// <summary>How this entity stands to others in the story: a capital for its country's government, a demonym for its country.</summary>
    public IReadOnlyList<EntityRelation> Relations { get; init; } = [];
    /// <summary>What the articles say the entity is, in apposition or as a title ("russia's defence minister"), lower-cased.</summary>
    public IReadOnlyList<string> Descriptions { get; init; } = [];
}

/// <summary>A typed link from one story entity to another (<see cref="Kind"/> is "capital-of" or "demonym-of"), by the other's id.</summary>
public sealed record EntityRelation(string Kind, string Entity);

/// <summary>
/// Words attributed to a speaker, once however many articles carry them. The positional fields describe the fullest
/// wording (its article, span, kind, cue and relay); <see cref="Sources"/> lists every article passage that carries it.
/// </summary>
public sealed record StoryQuote(
    string? Speaker,
    string SpeakerName,
    string Text,
    string Article,
    TextSpan Span,
    QuoteKind Kind,
    string? Cue,
    string? Via)
{
    /// <summary>Every passage carrying these words, by article and position; the positional fields repeat the fullest.</summary>
    public IReadOnlyList<QuoteSource> Sources { get; init; } = [new QuoteSource(Article, Span, Kind, Cue, Via)];

    /// <summary>The distinct articles carrying the quote, in <see cref="Sources"/> order.</summary>
    public IReadOnlyList<string> Articles => [.. Sources.Select(s => s.Article).Distinct(StringComparer.Ordinal)];
}

/// <summary>One article's rendering of a quote: where it stands, whether verbatim, the cue verb and the relaying outlet.</summary>
public sealed record QuoteSource(string Article, TextSpan Span, QuoteKind Kind, string? Cue, string? Via);

public enum Agreement { Agree, Compatible, Conflict, Single }

/// <summary>One reading of a figure and the articles that give it.</summary>
public sealed record FigureVariant(
    double? Low,
    double? High,
    bool Approximate,
    string Unit,
    string Text,
    IReadOnlyList<string> Articles,
    IReadOnlyList<Citation> Citations);

/// <summary>The figures that several articles give for the same thing, and whether they agree.</summary>
public sealed record FigureGroup(string About, Agreement Agreement, IReadOnlyList<FigureVariant> Variants);

/// <summary>A dated happening with the passages behind it. <see cref="Date"/> is YYYY, YYYY-MM or YYYY-MM-DD.</summary>
public sealed record TimelineEntry(string Date, string Text, IReadOnlyList<string> Articles, IReadOnlyList<Citation> Citations);

/// <summary>A sentence of the brief, with the articles and passages it rests on.</summary>
public sealed record BriefSentence(string Text, IReadOnlyList<string> Articles, IReadOnlyList<Citation> Citations)
{
    /// <summary>How many independent sources it rests on: its articles with each derived copy folded into its origin (0: not counted).</summary>
    public int IndependentSources { get; init; }
}

/// <summary>What one source reports that no other source in the story does.</summary>
public sealed record SourceExclusive(string Article, IReadOnlyList<BriefSentence> Items);

public enum ClaimStatus { Corroborated, Compatible, Contested, SingleSource }

/// <summary>
/// One passage stating a claim, with what this source says of its time and figure ("in June", "more than 10,000")
/// and whether it states the claim negated ("did not meet").
/// </summary>
public sealed record ClaimSource(string Article, TextSpan Span, string? Time, string? Figure, bool Negated)
{
    /// <summary>The word that states what happened ("met", "talks"), inside <see cref="Span"/>; null for a figure's passage with no predicate read.</summary>
    public TextSpan? Predicate { get; init; }
}

/// <summary>
/// One fact of a story, aligned across the articles that state it: who (<see cref="Subject"/>, a story entity id)
/// did what (<see cref="Predicate"/>, a verb lemma) to whom (<see cref="Object"/>), when, with what figure.
/// <see cref="Status"/> counts independent sources: a derived copy adds none.
/// </summary>
public sealed record StoryClaim(
    string Text,
    ClaimStatus Status,
    string? Subject,
    string SubjectName,
    string Predicate,
    string? Object,
    string? ObjectName,
    string? Time,
    string? Figure,
    IReadOnlyList<ClaimSource> Sources)
{
    /// <summary>How many independent sources state it (articles, with each derived copy folded into its origin).</summary>
    public int IndependentSources { get; init; }
    /// <summary>Why the status is what it is, when there is more to say than the count ("ranges overlap").</summary>
    public string? Reason { get; init; }
    /// <summary>The text is a clause cut from a longer sentence: words of the sentence come before it, after it, or both.</summary>
    public bool CutBefore { get; init; }
    public bool CutAfter { get; init; }
}

/// <summary>An article that looks derived from another in the story: <see cref="Share"/> of its words are in copied sentences.</summary>
public sealed record DerivedCopy(string Article, string From, double Share);

/// <summary>Per source: the claims only it states, and the claims two or more others state that it leaves out (indexes into <see cref="StoryReport.Claims"/>).</summary>
public sealed record SourceCoverage(string Article, IReadOnlyList<int> Only, IReadOnlyList<int> Missing);

/// <summary>Everything Dossier says about one story.</summary>
public sealed record StoryReport(
    string Id,
    string Headline,
    IReadOnlyList<string> Articles,
    IReadOnlyList<StoryEntity> Entities,
    IReadOnlyList<StoryQuote> Quotes,
    IReadOnlyList<FigureGroup> Figures,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<BriefSentence> Brief,
    IReadOnlyList<SourceExclusive> OnlyInOne)
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public IReadOnlyList<DuplicateLink> Duplicates { get; init; } = [];
    public IReadOnlyList<StoryClaim> Claims { get; init; } = [];
    /// <summary>Articles that look rewritten or copied from another article of the story.</summary>
    public IReadOnlyList<DerivedCopy> Derived { get; init; } = [];
    public IReadOnlyList<SourceCoverage> Coverage { get; init; } = [];
}

/// <summary>An input that could not be read, with the reason, so the run can go on and say so.</summary>
public sealed record SkippedInput(string Path, string Reason);

/// <summary>The result of a whole run: the articles read and the stories found.</summary>
public sealed record Analysis(
    IReadOnlyList<AnnotatedArticle> Articles,
    IReadOnlyList<StoryReport> Stories,
    IReadOnlyList<SkippedInput> Skipped);
