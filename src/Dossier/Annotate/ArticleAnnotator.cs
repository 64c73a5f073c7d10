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

    public AnnotatedArticle Annotate(Article article)
    {
        var text = article.Text;
        var tokens = new List<Token>();
        var sentenceList = new List<Sentence>();
        foreach (var span in sentences.Split(text))
        {
            var first = tokens.Count;
            tokenizer.Tokenize(text, span, tokens);
            sentenceList.Add(new Sentence(span, first, tokens.Count - first));
        }

        var mentions = entities.Recognize(text, sentenceList, tokens);
        var known = article.Published?.Date;
        var timeList = times.Tag(text, sentenceList, tokens, known);
        if (article.Published is null && dates.Find(article, timeList) is { } found)
        {
            // The date came from the text itself: anchor the relative expressions to it.
            article = article with { Published = found };
            timeList = timeList.Select(t => t.AnchoredTo(found.Date)).ToList();
        }

        return new AnnotatedArticle(
            article,
            sentenceList,
            tokens,
            mentions,
            timeList,
            figures.Recognize(text, sentenceList, tokens, mentions),
            quotes.Find(text, sentenceList, tokens, mentions));
    }
}
