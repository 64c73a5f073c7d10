using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Finds person, organisation, place and other names.</summary>
public sealed class EntityRecognizer
{
    public IReadOnlyList<EntityMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens)
        => throw new NotImplementedException();
}
