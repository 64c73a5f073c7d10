using Dossier.Model;

namespace Dossier.Group;

/// <summary>Finds exact and near-duplicate articles (syndicated copies, lightly edited rewrites).</summary>
public sealed class NearDuplicateDetector
{
    public IReadOnlyList<DuplicateLink> Find(IReadOnlyList<Article> articles) => throw new NotImplementedException();
}
