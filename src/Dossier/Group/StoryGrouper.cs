using Dossier.Model;

namespace Dossier.Group;

/// <summary>Finds the copies among the articles, then clusters them into stories; a copy joins its original's story.</summary>
public sealed class StoryGrouper(NearDuplicateDetector duplicates, IStoryClusterer clusterer)
{
    public StoryGrouper() : this(new NearDuplicateDetector(), new StoryClusterer()) { }

    /// <exception cref="ArgumentException">Two articles have the same id: copies are reported by id, so each must name one article.</exception>
    public IReadOnlyList<Story> Group(IReadOnlyList<AnnotatedArticle> articles)
    {
        if (articles.Count == 0) return [];
        var indexOf = new Dictionary<string, int>(articles.Count, StringComparer.Ordinal);
        for (var i = 0; i < articles.Count; i++)
            if (!indexOf.TryAdd(articles[i].Id, i))
                throw new ArgumentException($"two articles have the id '{articles[i].Id}' (at {indexOf[articles[i].Id]} and {i}); ids must be unique", nameof(articles));
        // The two passes are independent: run them side by side.
        var linksTask = Task.Run(() => duplicates.Find(articles.Select(a => a.Article).ToList()));
        var clusters = clusterer.Cluster(articles);
        var links = linksTask.GetAwaiter().GetResult();

        var clusterOf = new int[articles.Count];
        var c = 0;
        foreach (var cluster in clusters)
        {
            foreach (var i in cluster) clusterOf[i] = c;
            c++;
        }
        foreach (var link in links)
            if (indexOf.TryGetValue(link.ArticleId, out var copy) && indexOf.TryGetValue(link.OriginalId, out var original))
                clusterOf[copy] = clusterOf[original];

        // Each story's copies in the order the detector found them, looked up by id rather than by scanning every
        // link for every story (quadratic at a million articles).
        var linksOf = links.Select((link, k) => (Link: link, K: k)).ToLookup(p => p.Link.ArticleId, StringComparer.Ordinal);
        var stories = Enumerable.Range(0, articles.Count)
            .GroupBy(i => clusterOf[i])
            .Select(g => g.ToList()) // members in index order
            .OrderByDescending(m => m.Count).ThenBy(m => m[0])
            .Select((m, n) => new Story($"s{n + 1}", m.Select(i => articles[i]).OrderBy(a => a.Id, StringComparer.Ordinal).ToList())
            {
                Duplicates = [.. m.SelectMany(i => linksOf[articles[i].Id]).OrderBy(p => p.K).Select(p => p.Link)],
            })
            .ToList();
        return stories;
    }
}
