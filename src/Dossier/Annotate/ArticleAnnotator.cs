using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Runs the annotators in order over one article and returns its span layers.</summary>
public sealed class ArticleAnnotator(
    SentenceSplitter sentences,
    Tokenizer tokenizer,
    EntityRecognizer entities,
    TimeTagger times,
    ArticleDateFinder dates,
    FigureRecognizer figures,
    QuoteFinder quotes)
{
    public static ArticleAnnotator CreateDefault(TimeProvider clock) => new(
        new SentenceSplitter(), new Tokenizer(), EntityRecognizer.Trained(), new TimeTagger(),
        new ArticleDateFinder(clock), new FigureRecognizer(), new QuoteFinder());

    /// <summary>Sentences and their tokens, as every layer after them reads a text.</summary>
    public static (List<Sentence> Sentences, List<Token> Tokens) Split(string text, SentenceSplitter splitter, Tokenizer tokenizer)
    {
        var tokens = new List<Token>();
        var sentences = new List<Sentence>();
        foreach (var span in splitter.Split(text))
        {
            var first = tokens.Count;
            tokenizer.Tokenize(text, span, tokens);
            sentences.Add(new Sentence(span, first, tokens.Count - first));
        }
        return (sentences, tokens);
    }

    /// <summary>The same with a default splitter and tokenizer (both hold no state).</summary>
    public static (List<Sentence> Sentences, List<Token> Tokens) Split(string text) => Split(text, new SentenceSplitter(), new Tokenizer());

    public AnnotatedArticle Annotate(Article article) => Annotate(article, DocumentBudget.Unlimited);

    /// <summary>Annotates the article, checking <paramref name="budget"/> after each layer.</summary>
    public AnnotatedArticle Annotate(Article article, DocumentBudget budget)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(budget);
        var text = article.Text;
        var (sentenceList, tokens) = Split(text, sentences, tokenizer);
        budget.Check("annotate: sentences and tokens");

        var mentions = entities.Recognize(text, sentenceList, tokens, budget);
        budget.Check("annotate: entities");
        var known = article.Published?.Date;
        var timeList = times.Tag(text, sentenceList, tokens, known);
        if (article.Published is null && dates.Find(article, timeList) is { } found)
        {
            // The date came from the text itself: anchor the relative expressions to it.
            article = article with { Published = found };
            timeList = timeList.Select(t => t.AnchoredTo(found.Date)).ToList();
        }
        budget.Check("annotate: time");
        var figureList = figures.Recognize(text, sentenceList, tokens, mentions);
        budget.Check("annotate: figures");
        var quoteList = quotes.Find(text, sentenceList, tokens, mentions);
        budget.Check("annotate: quotes");
        return new AnnotatedArticle(article, sentenceList, tokens, mentions, timeList, figureList, quoteList);
    }
}
