namespace Dossier.Annotate;

/// <summary>A sentence of words with their gold IOB2 tags (empty tags when untagged).</summary>
public sealed record TaggedSentence(IReadOnlyList<string> Words, IReadOnlyList<int> Tags);

/// <summary>A document of sentences, the unit over which document-level evidence is gathered.</summary>
public sealed record TaggedDocument(IReadOnlyList<TaggedSentence> Sentences);

/// <summary>Reads CoNLL-style columns: the word first, the IOB tag last; blank lines end sentences, -DOCSTART- documents.</summary>
public static class ConllCorpus
{
    public static List<TaggedDocument> Read(string path) => Read(File.ReadLines(path), tagged: true);

    /// <summary>Reads lines; with <paramref name="tagged"/> false only the first column is used and tags are left empty.</summary>
    public static List<TaggedDocument> Read(IEnumerable<string> lines, bool tagged)
    {
        var documents = new List<TaggedDocument>();
        var sentences = new List<TaggedSentence>();
        var words = new List<string>();
        var tags = new List<int>();

        void EndSentence()
        {
            if (words.Count > 0) sentences.Add(new TaggedSentence([.. words], [.. tags]));
            words.Clear();
            tags.Clear();
        }

        void EndDocument()
        {
            EndSentence();
            if (sentences.Count > 0) documents.Add(new TaggedDocument([.. sentences]));
            sentences.Clear();
        }

        foreach (var line in lines)
        {
            if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal)) { EndDocument(); continue; }
            if (string.IsNullOrWhiteSpace(line)) { EndSentence(); continue; }
            var columns = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            words.Add(columns[0]);
            if (tagged) tags.Add(columns.Length > 1 ? EntityTags.Parse(columns[^1]) : EntityTags.Outside);
        }
        EndDocument();
        return documents;
    }
}
