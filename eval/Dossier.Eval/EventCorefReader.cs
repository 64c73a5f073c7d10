using System.Globalization;
using System.Xml.Linq;

namespace Dossier.Eval;

/// <summary>One gold event mention of ECB+: an ACTION_* or NEG_ACTION_* markable anchored to tokens of a document.</summary>
public sealed record EventMention(
    string Document, int Topic, bool PlusHalf, string MarkableId, string Class, int Sentence,
    IReadOnlyList<int> TokenIds, string Text, string GoldChain)
{
    /// <summary>The key the metrics use: document and token ids, so it is unique across the corpus.</summary>
    public string Key => Document + ":" + string.Join('_', TokenIds);
}

/// <summary>One ECB+ document: its tokens (t_id to sentence and text) and its event mentions.</summary>
public sealed record EventDocument(string Name, int Topic, bool PlusHalf, IReadOnlyDictionary<int, (int Sentence, string Text)> Tokens, IReadOnlyList<EventMention> Mentions);

/// <summary>The documents read, with every event mention in exactly one gold chain (singletons included).</summary>
public sealed record EventCorpus(IReadOnlyList<EventDocument> Documents)
{
    public IEnumerable<EventMention> Mentions => Documents.SelectMany(d => d.Mentions);

    /// <summary>The gold partition: mentions grouped by chain, in reading order.</summary>
    public IReadOnlyList<IReadOnlyList<EventMention>> GoldChains() =>
        Mentions.GroupBy(m => m.GoldChain, StringComparer.Ordinal).Select(g => (IReadOnlyList<EventMention>)g.ToList()).ToList();
}

/// <summary>
/// Reads ECB+ 1.0 XML: tokens, event markables and their chains. A CROSS_DOC_COREF chain is named by its target's
/// instance id (shared across documents); an INTRA_DOC_COREF chain by its document and target; any other mention is
/// a chain of its own.
/// </summary>
public static class EventCorefReader
{
    public static EventCorpus ReadFolder(string xmlFolder, Func<int, bool>? topic = null)
    {
        var documents = Directory.GetDirectories(xmlFolder)
            .Select(d => (Dir: d, Topic: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : -1))
            .Where(d => d.Topic > 0 && (topic is null || topic(d.Topic)))
            .OrderBy(d => d.Topic)
            .SelectMany(d => Directory.GetFiles(d.Dir, "*.xml").Order(StringComparer.Ordinal))
            .Select(ReadDocument)
            .ToList();
        return new EventCorpus(documents);
    }

    public static EventDocument ReadDocument(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var underscore = name.IndexOf('_');
        var topic = underscore > 0 && int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : -1;
        var plus = name.EndsWith("plus", StringComparison.Ordinal);
        var root = XDocument.Load(path).Root ?? throw new InvalidDataException($"{path}: no root");

        var tokens = new Dictionary<int, (int, string)>();
        foreach (var token in root.Elements("token"))
            tokens[Int(token, "t_id")] = (Int(token, "sentence"), token.Value);

        var markables = root.Element("Markables")?.Elements().ToList() ?? [];
        var instanceOf = markables.Where(m => m.Attribute("instance_id") is not null)
            .ToDictionary(m => (string)m.Attribute("m_id")!, m => (string)m.Attribute("instance_id")!, StringComparer.Ordinal);
        var chainOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var relation in root.Element("Relations")?.Elements() ?? [])
        {
            var target = (string?)relation.Element("target")?.Attribute("m_id");
            if (target is null) continue;
            string chain;
            if (relation.Name.LocalName == "CROSS_DOC_COREF")
                chain = "cross:" + (instanceOf.GetValueOrDefault(target) ?? (string?)relation.Attribute("note") ?? name + "/" + target);
            else if (relation.Name.LocalName == "INTRA_DOC_COREF")
                chain = "intra:" + name + "/" + target;
            else continue;
            foreach (var source in relation.Elements("source"))
                if ((string?)source.Attribute("m_id") is { } id && (!chainOf.TryGetValue(id, out var had) || !had.StartsWith("cross:", StringComparison.Ordinal)))
                    chainOf[id] = chain; // a cross-document chain wins over a within-document one
        }

        var mentions = new List<EventMention>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var markable in markables)
        {
            var kind = markable.Name.LocalName;
            if (!kind.StartsWith("ACTION_", StringComparison.Ordinal) && !kind.StartsWith("NEG_ACTION_", StringComparison.Ordinal)) continue;
            var ids = markable.Elements("token_anchor").Select(a => Int(a, "t_id")).Where(tokens.ContainsKey).Order().ToList();
            if (ids.Count == 0) continue; // an instance descriptor, not a mention in the text
            var id = (string)markable.Attribute("m_id")!;
            if (!seen.Add(string.Join('_', ids))) continue; // the same tokens marked twice are one mention
            var text = string.Join(' ', ids.Select(i => tokens[i].Item2));
            mentions.Add(new EventMention(name, topic, plus, id, kind, tokens[ids[0]].Item1, ids, text,
                chainOf.GetValueOrDefault(id) ?? "single:" + name + "/" + id));
        }
        mentions.Sort((a, b) => a.TokenIds[0].CompareTo(b.TokenIds[0]));
        return new EventDocument(name, topic, plus, tokens, mentions);
    }

    /// <summary>
    /// Reads MEANTIME English (intra_cross-doc_annotation, NAF-like CAT XML): each corpus folder is a topic (1, 2, ...
    /// in name order), every EVENT_MENTION is a mention, and its chain is the cross-document EVENT instance its REFERS_TO
    /// relation points at; a mention that refers to no instance (grammatical events such as "is") is a chain of its own.
    /// </summary>
    public static EventCorpus ReadMeantime(string folder)
    {
        var documents = new List<EventDocument>();
        var topic = 0;
        foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            topic++;
            foreach (var path in Directory.GetFiles(dir, "*.xml").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                var root = XDocument.Load(path).Root ?? throw new InvalidDataException($"{path}: no root");
                var tokens = new Dictionary<int, (int, string)>();
                foreach (var token in root.Elements("token"))
                    tokens[Int(token, "t_id")] = (Int(token, "sentence"), token.Value);
                var markables = root.Element("Markables")?.Elements().ToList() ?? [];
                var instanceOf = markables.Where(m => m.Name.LocalName == "EVENT" && (string?)m.Attribute("instance_id") is { Length: > 0 })
                    .ToDictionary(m => (string)m.Attribute("m_id")!, m => (string)m.Attribute("instance_id")!, StringComparer.Ordinal);
                var chainOf = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var relation in root.Element("Relations")?.Elements("REFERS_TO") ?? [])
                {
                    var target = (string?)relation.Element("target")?.Attribute("m_id");
                    if (target is null || !instanceOf.TryGetValue(target, out var instance)) continue;
                    foreach (var source in relation.Elements("source"))
                        if ((string?)source.Attribute("m_id") is { } id) chainOf.TryAdd(id, "cross:" + instance);
                }
                var mentions = new List<EventMention>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var markable in markables.Where(m => m.Name.LocalName == "EVENT_MENTION"))
                {
                    var ids = markable.Elements("token_anchor").Select(a => Int(a, "t_id")).Where(tokens.ContainsKey).Order().ToList();
                    if (ids.Count == 0 || !seen.Add(string.Join('_', ids))) continue;
                    var id = (string)markable.Attribute("m_id")!;
                    mentions.Add(new EventMention(name, topic, false, id, "EVENT_MENTION", tokens[ids[0]].Item1, ids,
                        string.Join(' ', ids.Select(i => tokens[i].Item2)), chainOf.GetValueOrDefault(id) ?? "single:" + name + "/" + id));
                }
                mentions.Sort((a, b) => a.TokenIds[0].CompareTo(b.TokenIds[0]));
                documents.Add(new EventDocument(name, topic, false, tokens, mentions));
            }
        }
        return new EventCorpus(documents);
    }

    private static int Int(XElement e, string attribute) =>
        int.Parse((string?)e.Attribute(attribute) ?? throw new InvalidDataException($"{e.Name} without {attribute}"), CultureInfo.InvariantCulture);
}
