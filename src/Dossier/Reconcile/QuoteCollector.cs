using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>Attaches each article's quotes to the story's entities, so they can be read by speaker.</summary>
public sealed class QuoteCollector
{
    public IReadOnlyList<StoryQuote> Collect(IReadOnlyList<AnnotatedArticle> articles, ResolvedEntities entities)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entities.Entities.Count; i++) rank[entities.Entities[i].Id] = i;

        var quotes = new List<StoryQuote>();
        foreach (var article in articles)
        {
            foreach (var q in article.Quotes)
            {
                var nameSpan = q.SpeakerName ?? q.Speaker;
                var entity = nameSpan is { } span ? entities.At(article, span) : null;
                // Only people and organisations speak; a place or a demonym is a mis-read subject.
                if (entity is { Type: not (EntityType.PER or EntityType.ORG) }) entity = null;
                var speakerName = entity?.Name ?? (nameSpan is { } s ? NameForms.Tidy(article.Of(s)) : "unattributed");
                quotes.Add(new StoryQuote(
                    entity?.Id,
                    speakerName,
                    Clauses.OneLine(article.Text, q.Content),
                    article.Id,
                    q.Content,
                    q.Kind,
                    q.Cue,
                    q.Via is { } via ? (entities.At(article, via)?.Name ?? NameForms.Tidy(article.Of(via))) : null));
            }
        }
        // Reported speech that merely wraps a direct quote of the same speaker ("X said the deal is "...") adds nothing.
        quotes.RemoveAll(r => r.Kind == QuoteKind.Reported && quotes.Any(d => d.Kind != QuoteKind.Reported
            && d.Article == r.Article && d.Speaker == r.Speaker && r.Span.Overlaps(d.Span)));
        return quotes
            .OrderBy(q => q.Speaker is null ? int.MaxValue : rank[q.Speaker])
            .ThenBy(q => q.Kind)
            .ThenBy(q => q.Article, StringComparer.Ordinal)
            .ThenBy(q => q.Span.Start)
            .ToList();
    }
}
