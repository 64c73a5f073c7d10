using Dossier.Model;

namespace Dossier.Eval.Scale;

/// <summary>One sentence of an annotated article, to be copied into a new one.</summary>
public readonly record struct SentencePick(AnnotatedArticle Source, int Sentence);

/// <summary>
/// Builds a new annotated article from sentences of annotated ones without running the annotator again: the
/// sentences' text is copied (with words renamed where asked) and their tokens, entities, time expressions and
/// figures are moved to the new offsets. A span that crosses a sentence boundary (a quote over two sentences) is
/// dropped rather than guessed.
/// </summary>
public static class SentenceRecombiner
{
    /// <param name="rename">The word to write instead of a token's text, or null to keep it.</param>
    public static AnnotatedArticle Compose(Article shell, IReadOnlyList<SentencePick> picks, Func<string, string?> rename)
    {
        var text = new System.Text.StringBuilder();
        var sentences = new List<Sentence>(picks.Count);
        var tokens = new List<Token>();
        var entities = new List<EntityMention>();
        var times = new List<TimeExpression>();
        var figures = new List<FigureMention>();
        // Per source token: where its start and end land in the new text (a renamed word changes the length).
        var starts = new List<int>();
        var ends = new List<int>();
        foreach (var (source, index) in picks)
        {
            var sentence = source.Sentences[index];
            var from = sentence.Span.Start;
            if (text.Length > 0) text.Append(' ');
            var offset = text.Length;
            var firstToken = tokens.Count;
            starts.Clear();
            ends.Clear();
            var cursor = from;
            for (var t = sentence.FirstToken; t < sentence.EndToken; t++)
            {
                var token = source.Tokens[t];
                text.Append(source.Text, cursor, token.Start - cursor);
                var word = source.Text.Substring(token.Start, token.Length);
                var written = rename(word) ?? word;
                starts.Add(text.Length);
                text.Append(written);
                ends.Add(text.Length);
                tokens.Add(new Token(starts[^1], written.Length));
                cursor = token.End;
            }
            if (sentence.Span.End > cursor) text.Append(source.Text, cursor, sentence.Span.End - cursor);
            sentences.Add(new Sentence(new TextSpan(offset, text.Length - offset), firstToken, tokens.Count - firstToken));

            // Maps a span of the source sentence to the new text through the tokens at its ends; null when it leaves the sentence.
            TextSpan? Move(TextSpan span)
            {
                if (!sentence.Span.Contains(span) || span.Length <= 0) return null;
                int? start = null, end = null;
                for (var k = 0; k < starts.Count; k++)
                {
                    var token = source.Tokens[sentence.FirstToken + k];
                    if (start is null && token.End > span.Start) start = token.Start >= span.Start ? starts[k] : starts[k] + (span.Start - token.Start);
                    if (token.Start < span.End) end = token.End <= span.End ? ends[k] : Math.Min(ends[k], starts[k] + (span.End - token.Start));
                }
                if (start is not { } s || end is not { } e || e <= s) return null;
                return TextSpan.FromBounds(s, e);
            }

            foreach (var entity in source.Entities)
                if (sentence.Span.Contains(entity.Span) && Move(entity.Span) is { } moved)
                    entities.Add(entity with { Span = moved, Title = entity.Title is { } title ? Move(title) : null });
            foreach (var time in source.Times)
                if (sentence.Span.Contains(time.Span) && Move(time.Span) is { } moved)
                    times.Add(time with { Span = moved });
            foreach (var figure in source.Figures)
                if (sentence.Span.Contains(figure.Span) && Move(figure.Span) is { } moved)
                    figures.Add(figure with { Span = moved, UnitSpan = figure.UnitSpan is { } unit ? Move(unit) : null });
        }
        var body = text.ToString();
        var article = shell with { Text = body, ContentHash = Extract.PlainTextExtractor.HashOf(body) };
        return new AnnotatedArticle(article, sentences, tokens, entities, times, figures, []);
    }
}
