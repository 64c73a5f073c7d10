using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Finds direct, partial and reported quotes and who said them.</summary>
public sealed class QuoteFinder
{
    public IReadOnlyList<QuoteMention> Find(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens, IReadOnlyList<EntityMention> entities)
        => throw new NotImplementedException();
}
