using Dossier.Model;

namespace Dossier.Group;

/// <summary>Groups a batch of articles into stories: the batch clusterer and the online one, as `analyze` chooses.</summary>
public interface IStoryClusterer
{
    /// <summary>Clusters as lists of indexes into <paramref name="articles"/>, members ascending; every article in exactly one.</summary>
    IReadOnlyList<IReadOnlyList<int>> Cluster(IReadOnlyList<AnnotatedArticle> articles);
}
