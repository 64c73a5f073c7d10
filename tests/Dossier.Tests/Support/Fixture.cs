using Dossier.Model;

namespace Dossier.Tests.Support;

/// <summary>A time reference that anchors to a fixed value, or shifts a day offset from the anchor.</summary>
public sealed record FixedTime(string? Value, int? DaysFromAnchor = null) : TimeReference
{
    public override string? Resolve(DateOnly? anchor) => DaysFromAnchor is { } d
        ? anchor?.AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
        : Value;
}

/// <summary>Builds annotated articles by hand: text plus layers marked by the words they cover.</summary>
public sealed class ArticleBuilder(string id, string text)
{
    private readonly List<EntityMention> _entities = [];
    private readonly List<TimeExpression> _times = [];
    private readonly List<FigureMention> _figures = [];
    private readonly List<QuoteMention> _quotes = [];
    private PublishedDate? _published;
    private string? _title;

    public static TextSpan Find(string text, string words, int occurrence = 0)
    {
        var at = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            at = text.IndexOf(words, at + 1, StringComparison.Ordinal);
            if (at < 0) throw new ArgumentException($"'{words}' (occurrence {occurrence}) not in text");
        }
        return new TextSpan(at, words.Length);
    }

    public ArticleBuilder Entity(string words, EntityType type, int occurrence = 0)
    {
        _entities.Add(new EntityMention(Find(text, words, occurrence), type));
        return this;
    }

    /// <summary>Marks every occurrence of <paramref name="words"/> as an entity of <paramref name="type"/>.</summary>
    public ArticleBuilder Entities(string words, EntityType type)
    {
        for (var at = text.IndexOf(words, StringComparison.Ordinal); at >= 0; at = text.IndexOf(words, at + words.Length, StringComparison.Ordinal))
            _entities.Add(new EntityMention(new TextSpan(at, words.Length), type));
        return this;
    }

    public ArticleBuilder Time(string words, string? value, TimexType type = TimexType.DATE)
    {
        _times.Add(new TimeExpression(Find(text, words), type, new FixedTime(value), value));
        return this;
    }

    public ArticleBuilder RelativeTime(string words, int daysFromAnchor)
    {
        _times.Add(new TimeExpression(Find(text, words), TimexType.DATE, new FixedTime(null, daysFromAnchor), null));
        return this;
    }

    public ArticleBuilder Figure(string words, double? low, double? high, bool approximate, string unit, string unitClass, string? verb)
    {
        var span = Find(text, words);
        _figures.Add(new FigureMention(span, FigureKind.Count, low, high, approximate)
        {
            Unit = unit, UnitClass = unitClass, Verb = verb,
            UnitSpan = Find(text, unit) is var u && span.Contains(u) ? u : null,
        });
        return this;
    }

    /// <summary>Marks the subject of the last figure added ("North Korea" in "North Korea has sent 12,000 troops").</summary>
    public ArticleBuilder Subject(string words)
    {
        _figures[^1] = _figures[^1] with { SubjectSpan = Find(text, words) };
        return this;
    }

    public ArticleBuilder Quote(string content, string speaker, QuoteKind kind = QuoteKind.Direct, string? via = null)
    {
        _quotes.Add(new QuoteMention(Find(text, content), kind)
        {
            Speaker = Find(text, speaker), SpeakerName = Find(text, speaker), Cue = "said",
            Via = via is null ? null : Find(text, via),
        });
        return this;
    }

    public ArticleBuilder Published(DateOnly date, DateSource source = DateSource.Metadata)
    {
        _published = new PublishedDate(date, DatePrecision.Day, source);
        return this;
    }

    public ArticleBuilder Title(string title)
    {
        _title = title;
        return this;
    }

    /// <summary>Sentences split after ". " or a newline; tokens are runs of letters and digits.</summary>
    public AnnotatedArticle Build()
    {
        var sentences = new List<Sentence>();
        var tokens = new List<Token>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var end = i == text.Length || text[i] == '\n' || (text[i] == '.' && (i + 1 == text.Length || text[i + 1] == ' '));
            if (!end) continue;
            var stop = i < text.Length && text[i] == '.' ? i + 1 : i;
            while (start < stop && char.IsWhiteSpace(text[start])) start++;
            if (stop > start)
            {
                var first = tokens.Count;
                for (var j = start; j < stop;)
                {
                    if (!char.IsLetterOrDigit(text[j])) { if (!char.IsWhiteSpace(text[j])) tokens.Add(new Token(j, 1)); j++; continue; }
                    var k = j;
                    while (k < stop && char.IsLetterOrDigit(text[k])) k++;
                    tokens.Add(new Token(j, k - j));
                    j = k;
                }
                sentences.Add(new Sentence(TextSpan.FromBounds(start, stop), first, tokens.Count - first));
            }
            start = stop;
        }
        var article = new Article(id, id + ".txt", text, id) { Published = _published, Title = _title };
        return new AnnotatedArticle(article, sentences, tokens,
            _entities.OrderBy(e => e.Span.Start).ToList(), _times.OrderBy(t => t.Span.Start).ToList(),
            _figures.OrderBy(f => f.Span.Start).ToList(), _quotes.OrderBy(q => q.Content.Start).ToList());
    }
}

/// <summary>Locates ../shared beside the repository.</summary>
public static class Shared
{
    public static string Root => Dossier.Eval.SharedData.Locate();

    public static string Seeds => Path.Combine(Root, "corpus", "seeds");
}
