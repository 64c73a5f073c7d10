using Dossier.Model;

namespace Dossier.Group;

/// <summary>Groups articles into stories: one cluster per real-world event.</summary>
public sealed class StoryClusterer
{
    /// <summary>Returns clusters as lists of indexes into <paramref name="articles"/>; every article is in exactly one.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Cluster(IReadOnlyList<AnnotatedArticle> articles) => throw new NotImplementedException();
}
