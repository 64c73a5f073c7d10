using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>
/// Gives an undated article the date of its story (the median of its dated articles) and re-anchors its time
/// expressions to it, so that "in August" in an undated report lands in the right year.
/// </summary>
public sealed class StoryDating
{
    public IReadOnlyList<AnnotatedArticle> Fill(IReadOnlyList<AnnotatedArticle> articles)
    {
        var dated = articles.Where(a => a.Article.Published is { Precision: DatePrecision.Day })
            .OrderBy(a => a.Article.Published!.Date).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        if (dated.Count == 0 || dated.Count == articles.Count) return articles;

        var median = dated[(dated.Count - 1) / 2];
        var date = median.Article.Published!.Date;
        var evidence = "from " + string.Join(", ", dated.Select(a => a.Id));
        return articles.Select(a =>
        {
            if (a.Article.Published is not null) return a;
            var article = a.Article with { Published = new PublishedDate(date, DatePrecision.Day, DateSource.Story, evidence) };
            return a with { Article = article, Times = a.Times.Select(t => t.AnchoredTo(date)).ToList() };
        }).ToList();
    }
}
