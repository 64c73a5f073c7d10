using CsCheck;
using Dossier.Annotate;
using Dossier.Model;
using Dossier.Reconcile;
using Xunit;

namespace Dossier.Tests.Reconcile;

/// <summary>
/// Claims, quotes and the event joins over random news-like text made of names, pronouns, verbs, dates, figures,
/// quotation marks and punctuation: the reconciler never fails, and every passage it cites lies inside its article.
/// </summary>
public sealed class ClaimPropertyTests
{
    private static readonly ArticleAnnotator Annotator = ArticleAnnotator.CreateDefault(FixedClock.AtDay(new DateOnly(2026, 3, 6)));

    private static readonly string[] Pieces =
    [
        "Marcus Ellery", "Ilse Marten", "Tobias Grune", "the FBI", "Chile", "Santiago", "he", "she", "his", "her", "who",
        "met", "arrested", "was arrested", "sent", "fired", "sacked", "said", "told", "urged", "according to", "reports",
        "on Tuesday", "in 2004", "on March 3, 2026", "300 soldiers", "about 320 troops", "to", "with", "of", "from", "in",
        "and", ",", ".", ";", "\u201C", "\u201D", "\"", "where", "then", "not", "Mr.", "Mrs.", "G.", "\n", "\n\n",
    ];

    private static readonly Gen<string> Text = Gen.Int[0, Pieces.Length - 1].Select(i => Pieces[i]).Array[0, 60].Select(words => string.Join(' ', words));

    [Fact]
    public void Random_reports_reconcile_without_failing_and_cite_inside_their_articles()
    {
        Gen.Select(Text, Text, Text).Sample((a, b, c) =>
        {
            var articles = new[] { ("a", a), ("b", b), ("c", c) }
                .Select(x => Annotator.Annotate(new Article(x.Item1, x.Item1 + ".txt", x.Item2, x.Item1))).ToList();
            var report = new StoryReconciler().Reconcile(new Story("s", articles)).Report;
            foreach (var claim in report.Claims)
                foreach (var source in claim.Sources)
                {
                    var text = articles.Single(x => x.Id == source.Article).Text;
                    Assert.InRange(source.Span.Start, 0, text.Length);
                    Assert.InRange(source.Span.End, source.Span.Start, text.Length);
                }
            foreach (var quote in report.Quotes)
                Assert.InRange(quote.Span.End, 0, articles.Single(x => x.Id == quote.Article).Text.Length);
        }, iter: 150);
    }
}
