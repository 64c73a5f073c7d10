using Dossier.Render;
using Dossier.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dossier.Web;

/// <summary>
/// `dossier serve`: the stored stories as web pages (no script) and as a read-only JSON API with an OpenAPI document.
/// </summary>
public static class DossierWeb
{
    /// <summary>Pages and API allow this much request body: nothing is ever posted.</summary>
    public const long MaxRequestBody = 1024;

    /// <summary>The policy sent with every response: the one stylesheet (by hash), nothing else loads or runs.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src '{HtmlRenderer.StylesheetHash}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The app over <paramref name="store"/>, listening on <paramref name="urls"/> (port 0 picks a free port; read
    /// <c>app.Urls</c> after <c>StartAsync</c>). <paramref name="logWarnings"/> writes warnings and errors to the console.
    /// <paramref name="reportBytes"/> bounds the estimated size of the story reports kept between requests.
    /// </summary>
    public static WebApplication Build(IStoryStore store, TimeProvider clock, IReadOnlyList<string> urls, bool logWarnings = false, long reportBytes = StoryReports.DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(urls);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = Environments.Production,
            // No appsettings.json from wherever the reader happens to stand.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (logWarnings) builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls([.. urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxRequestBody;
        });
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(new StoryReports(store, clock, maxBytes: reportBytes));
        builder.Services.AddSingleton(new RenderedStories());
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Dossier";
            document.Info.Description = "Read-only access to the stories Dossier has built from the articles in its store.";
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        app.Use(SecurityHeaders);
        app.UseStatusCodePages(NotFoundOrProblem);
        app.MapOpenApi();
        StoryApi.Map(app);
        StoryPages.Map(app);
        return app;
    }

    /// <summary>Sets the headers every response carries, whatever produced it (an error page included).</summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxRequestBody;
        return next();
    }

    /// <summary>An empty error response gets a body: a JSON problem under /api, a short page elsewhere.</summary>
    private static async Task NotFoundOrProblem(StatusCodeContext status)
    {
        var http = status.HttpContext;
        var code = http.Response.StatusCode;
        if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi"))
        {
            await Results.Problem(statusCode: code).ExecuteAsync(http);
            return;
        }
        var title = code switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status405MethodNotAllowed => "Only reading is allowed here",
            _ => "Something went wrong",
        };
        await SitePage.Message(title, "Go to the list of stories.").Done(code).ExecuteAsync(http);
    }
}
