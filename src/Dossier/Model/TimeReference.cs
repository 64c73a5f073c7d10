namespace Dossier.Model;

/// <summary>
/// What a time expression means before it is anchored to a date ("Friday", "last week", "in June", "Nov. 29").
/// Anchoring is a pure function, so a later stage can re-anchor when an article's date is learnt from its story.
/// </summary>
public abstract record TimeReference
{
    /// <summary>The TIMEX3 value against <paramref name="anchor"/> (the document creation time), or null.</summary>
    public abstract string? Resolve(DateOnly? anchor);
}
