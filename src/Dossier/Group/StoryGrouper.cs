using Dossier.Model;

namespace Dossier.Group;

/// <summary>Finds the copies among the articles, then clusters them into stories; a copy joins its original's story.</summary>
public sealed class StoryGrouper(NearDuplicateDetector duplicates, IStoryClusterer clusterer)
{
    public StoryGrouper() : this(new NearDuplicateDetector(), new StoryClusterer()) { }

    public IReadOnlyList<Story> Group(IReadOnlyList<AnnotatedArticle> articles)
    {
        if (articles.Count == 0) return [];
        // The two passes are independent: run them side by side.
        var linksTask = Task.Run(() => duplicates.Find(articles.Select(a => a.Article).ToList()));
        var clusters = clusterer.Cluster(articles);
        var links = linksTask.GetAwaiter().GetResult();

        var clusterOf = new int[articles.Count];
        var members = clusters.Select(c => c.ToList()).ToList();
        for (var c = 0; c < members.Count; c++) foreach (var i in members[c]) clusterOf[i] = c;

        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < articles.Count; i++) indexOf.TryAdd(articles[i].Id, i);
        foreach (var link in links)
        {
            if (!indexOf.TryGetValue(link.ArticleId, out var copy) || !indexOf.TryGetValue(link.OriginalId, out var original)) continue;
            if (clusterOf[copy] == clusterOf[original]) continue;
            members[clusterOf[copy]].Remove(copy);
            members[clusterOf[original]].Add(copy);
            clusterOf[copy] = clusterOf[original];
        }

        var stories = members
            .Where(m => m.Count > 0)
            .Select(m => m.Order().ToList())
            .OrderByDescending(m => m.Count).ThenBy(m => m[0])
            .Select((m, n) =>
            {
                var ids = m.Select(i => articles[i].Id).ToHashSet(StringComparer.Ordinal);
                return new Story($"s{n + 1}", m.Select(i => articles[i]).OrderBy(a => a.Id, StringComparer.Ordinal).ToList())
                {
                    Duplicates = links.Where(l => ids.Contains(l.ArticleId)).ToList(),
                };
            })
            .ToList();
        return stories;
    }
}
