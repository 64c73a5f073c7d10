using System.Globalization;
using Dossier.Render;
using Dossier.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Dossier.Web;

/// <summary>A story as listed: what a reader needs to choose one.</summary>
public sealed record StoryListing(string Id, string Title, int Articles, int Sources, DateOnly? From, DateOnly? To, DateTimeOffset Updated, long Version)
{
    public static StoryListing Of(StorySummary s) => new(s.Id, s.Title, s.Articles, s.Sources, s.From, s.To, s.UpdatedAt, s.Version);
}

public sealed record StoryList(IReadOnlyList<StoryListing> Stories, int Limit, int Offset);

/// <summary>A stored article: its metadata, where it stands, and its clean text (offsets in citations point into it).</summary>
public sealed record ArticleView(
    string Id, string? Title, string? Url, string? Site, IReadOnlyList<string> Authors, string? Published, string Language,
    string? Story, string State, DateTimeOffset Ingested, string Text);

public sealed record SearchListing(string Article, string? Title, string? Story, string Snippet);

public sealed record SearchResults(string Query, IReadOnlyList<SearchListing> Hits);

public sealed record StoreStatus(long Articles, long Queued, long Annotated, long Grouped, long Failed, long Stories, ServerMemory Server);

/// <summary>
/// The serving process's memory: working set and managed heap, and the story reports it keeps between requests (their
/// estimated size, within its bound; builds under way and the pages rendered from kept reports are not in the estimate).
/// </summary>
public sealed record ServerMemory(long WorkingSetBytes, long ManagedHeapBytes, int ReportsKept, long ReportBytes, long ReportMaxBytes, int ReportsBuilding);

/// <summary>The JSON API: read-only, every list bounded, every bad parameter a 400 problem.</summary>
internal static class StoryApi
{
    public const int MaxLimit = 200;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("stories");
        api.MapGet("/stories", ListAsync).WithName("ListStories")
            .WithSummary("Stories, most recently updated first")
            .WithDescription($"limit: 1 to {MaxLimit} (default 50); offset: 0 or more.");
        api.MapGet("/stories/{id}", StoryAsync).WithName("GetStory")
            .WithSummary("One story with its articles, in the shape of `dossier analyze --format json`")
            .WithDescription("The id of a story merged into another redirects to that story.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/articles/{id}", ArticleAsync).WithName("GetArticle")
            .WithSummary("One stored article with its clean text");
        api.MapGet("/search", SearchAsync).WithName("Search")
            .WithSummary("Articles matching all the words of q, best first")
            .WithDescription($"q: words (the last may be the start of a word); limit: 1 to {MaxLimit} (default 20).");
        api.MapGet("/status", StatusAsync).WithName("Status")
            .WithSummary("How many articles stand at each step, how many stories there are, and the server's memory");
    }

    private static async Task<Results<Ok<StoryList>, ProblemHttpResult>> ListAsync(IStoryStore store, int? limit, int? offset, CancellationToken cancellationToken)
    {
        if (BadLimit(limit) is { } bad) return bad;
        if (offset is < 0) return Bad("offset must be 0 or more");
        var (take, skip) = (limit ?? 50, offset ?? 0);
        var stories = await store.ListStoriesAsync(take, skip, cancellationToken);
        return TypedResults.Ok(new StoryList([.. stories.Select(StoryListing.Of)], take, skip));
    }

    private static async Task<IResult> StoryAsync(string id, IStoryStore store, StoryReports reports, RenderedStories rendered, CancellationToken cancellationToken)
    {
        var summary = await store.GetStoryAsync(id, cancellationToken);
        if (summary is null) return NoStory();
        if (!string.Equals(summary.Id, id, StringComparison.Ordinal)) return Results.Redirect("/api" + Paths.Story(summary.Id), permanent: true);
        var built = await reports.GetAsync(summary.Id, cancellationToken);
        if (built is null) return NoStory();
        // The renderer writes synchronously; Kestrel allows only asynchronous writes, so the JSON is built first, once per report.
        var json = rendered.Json(built.Analysis, analysis =>
        {
            using var buffer = new MemoryStream();
            new JsonRenderer().Write(analysis, buffer);
            return buffer.ToArray();
        });
        return Results.Bytes(json, "application/json; charset=utf-8");
    }

    private static async Task<Results<Ok<ArticleView>, ProblemHttpResult>> ArticleAsync(string id, IStoryStore store, CancellationToken cancellationToken)
    {
        if (await store.GetArticleAsync(id, cancellationToken) is not { } stored)
            return TypedResults.Problem(title: "No such article", statusCode: StatusCodes.Status404NotFound);
        var a = stored.Article;
        return TypedResults.Ok(new ArticleView(a.Id, a.Title, a.Url, a.Site, a.Authors, a.Published?.ToIsoString(), a.Language,
            stored.Story, stored.State, stored.IngestedAt, a.Text));
    }

    private static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> SearchAsync(IStoryStore store, string? q, int? limit, CancellationToken cancellationToken)
    {
        if (BadLimit(limit) is { } bad) return bad;
        if (string.IsNullOrWhiteSpace(q) || SearchQuery.Words(q).Count == 0) return Bad("q must hold at least one word");
        if (q.Length > StoryPages.MaxQuery) return Bad($"q may be at most {StoryPages.MaxQuery} characters");
        var hits = await store.SearchAsync(q, limit ?? 20, cancellationToken);
        return TypedResults.Ok(new SearchResults(q, [.. hits.Select(h => new SearchListing(h.Article, h.Title, h.Story, h.Snippet))]));
    }

    private static async Task<Ok<StoreStatus>> StatusAsync(IStoryStore store, StoryReports reports, CancellationToken cancellationToken)
    {
        var c = await store.CountAsync(cancellationToken);
        var use = reports.Use;
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var memory = new ServerMemory(process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), use.Stories, use.Bytes, use.MaxBytes, use.Building);
        return TypedResults.Ok(new StoreStatus(c.Articles, c.Queued, c.Annotated, c.Grouped, c.Failed, c.Stories, memory));
    }

    private static ProblemHttpResult? BadLimit(int? limit) => limit is < 1 or > MaxLimit
        ? Bad(string.Create(CultureInfo.InvariantCulture, $"limit must be between 1 and {MaxLimit}"))
        : null;

    private static ProblemHttpResult Bad(string title) => TypedResults.Problem(title: title, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NoStory() => TypedResults.Problem(title: "No such story", statusCode: StatusCodes.Status404NotFound);
}
