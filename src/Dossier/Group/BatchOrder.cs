using Dossier.Model;

namespace Dossier.Group;

/// <summary>What both clusterers do to a batch: put it in an order that does not depend on the input's, and hand clusters back.</summary>
internal static class BatchOrder
{
    /// <summary>Indexes of <paramref name="articles"/> by id, then text, then position: shuffled input gives the same order.</summary>
    public static int[] Canonical(IReadOnlyList<AnnotatedArticle> articles)
    {
        var order = new int[articles.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            var c = string.CompareOrdinal(articles[x].Article.Id, articles[y].Article.Id);
            if (c == 0) c = string.CompareOrdinal(articles[x].Article.Text, articles[y].Article.Text);
            return c != 0 ? c : x.CompareTo(y);
        });
        return order;
    }

    /// <summary>Clusters from one label per article: members ascending, clusters in the order of their first member.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Clusters(IReadOnlyList<int> labels)
    {
        var clusters = new List<List<int>>();
        var clusterOf = new Dictionary<int, List<int>>();
        for (var i = 0; i < labels.Count; i++)
        {
            if (!clusterOf.TryGetValue(labels[i], out var members))
            {
                clusterOf[labels[i]] = members = [];
                clusters.Add(members);
            }
            members.Add(i);
        }
        return clusters;
    }
}
