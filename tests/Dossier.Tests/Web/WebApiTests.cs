using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dossier.Web;
using Xunit;

namespace Dossier.Tests.Web;

[Collection(ServedStoreCollection.Name)]
public sealed class WebApiTests(ServedStore served)
{
    private HttpClient Http => served.Http;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }

    [Fact]
    public async Task The_story_list_gives_each_story_its_counts_dates_and_version()
    {
        var json = await GetJsonAsync("/api/stories?limit=200");
        var stories = json.GetProperty("stories").EnumerateArray().ToList();
        Assert.True(stories.Count >= 3, $"{stories.Count} stories");
        foreach (var s in stories)
        {
            Assert.False(string.IsNullOrEmpty(s.GetProperty("id").GetString()));
            Assert.False(string.IsNullOrEmpty(s.GetProperty("title").GetString()));
            Assert.True(s.GetProperty("articles").GetInt32() >= 1);
            Assert.True(s.GetProperty("sources").GetInt32() >= 0);
            Assert.True(s.GetProperty("version").GetInt64() >= 1);
            Assert.True(s.TryGetProperty("from", out _) && s.TryGetProperty("to", out _));
            Assert.True(s.GetProperty("updated").TryGetDateTimeOffset(out _));
        }
        var counts = await GetJsonAsync("/api/status");
        Assert.Equal(stories.Count, counts.GetProperty("stories").GetInt64());
        Assert.Equal(stories.Sum(s => s.GetProperty("articles").GetInt32()), counts.GetProperty("grouped").GetInt64());
        // The server shows its memory and what its kept reports take, within their bound. (The managed heap counts
        // allocated bytes, some of which need not be resident, so it is not compared with the working set.)
        var server = counts.GetProperty("server");
        Assert.True(server.GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.True(server.GetProperty("managedHeapBytes").GetInt64() > 0);
        Assert.Equal(Dossier.Store.StoryReports.DefaultMaxBytes, server.GetProperty("reportMaxBytes").GetInt64());
        Assert.InRange(server.GetProperty("reportBytes").GetInt64(), 0, Dossier.Store.StoryReports.DefaultMaxBytes);
        // Paging: the second story alone, by offset.
        var second = (await GetJsonAsync("/api/stories?limit=1&offset=1")).GetProperty("stories").EnumerateArray().Single();
        Assert.Equal(stories[1].GetProperty("id").GetString(), second.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_story_comes_in_the_shape_of_analyze_json_with_its_articles()
    {
        var id = await served.StoryOfAsync(ServedStore.SeedArticle);
        var json = await GetJsonAsync("/api/stories/" + id);
        var story = json.GetProperty("stories").EnumerateArray().Single();
        Assert.Equal(id, story.GetProperty("id").GetString());
        var articles = json.GetProperty("articles").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("text").GetString()!);
        Assert.Contains(ServedStore.SeedArticle, articles.Keys);
        var brief = story.GetProperty("brief").EnumerateArray().ToList();
        Assert.NotEmpty(brief);
        // Every citation points inside the text of an article the answer carries.
        foreach (var source in brief.SelectMany(b => b.GetProperty("sources").EnumerateArray()))
        {
            var text = articles[source.GetProperty("article").GetString()!];
            Assert.InRange(source.GetProperty("start").GetInt32(), 0, source.GetProperty("end").GetInt32() - 1);
            Assert.InRange(source.GetProperty("end").GetInt32(), 1, text.Length);
        }
    }

    [Fact]
    public async Task A_second_request_for_a_story_is_answered_without_reading_its_articles_again()
    {
        var id = await served.StoryOfAsync(ServedStore.HostileId);
        await GetJsonAsync("/api/stories/" + id);
        var after = served.Store.ArticleReads(id);
        Assert.True(after >= 1);
        await GetJsonAsync("/api/stories/" + id);
        using var page = await Http.GetAsync("/stories/" + id, Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(after, served.Store.ArticleReads(id));
    }

    [Fact]
    public async Task The_id_of_a_merged_story_leads_to_the_story_it_went_into()
    {
        var id = await served.StoryOfAsync(ServedStore.SeedArticle);
        served.Store.Merged["s-merged-away"] = id;
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Http.BaseAddress };
        foreach (var (from, to) in new[] { ("/api/stories/s-merged-away", "/api/stories/" + id), ("/stories/s-merged-away", "/stories/" + id) })
        {
            using var response = await plain.GetAsync(from, Token);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal(to, response.Headers.Location?.OriginalString);
        }
        var followed = await GetJsonAsync("/api/stories/s-merged-away");
        Assert.Equal(id, followed.GetProperty("stories")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_article_comes_with_its_text_story_and_state()
    {
        var json = await GetJsonAsync("/api/articles/" + ServedStore.SeedArticle);
        Assert.Equal(ServedStore.SeedArticle, json.GetProperty("id").GetString());
        Assert.Equal("grouped", json.GetProperty("state").GetString());
        Assert.StartsWith("Russian Defense Minister", json.GetProperty("text").GetString());
        Assert.Equal(await served.StoryOfAsync(ServedStore.SeedArticle), json.GetProperty("story").GetString());
    }

    [Fact]
    public async Task Search_finds_articles_by_their_words()
    {
        var json = await GetJsonAsync("/api/search?q=Belousov&limit=5");
        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        Assert.InRange(hits.Count, 1, 5);
        Assert.Contains(hits, h => h.GetProperty("article").GetString() == ServedStore.SeedArticle);
        Assert.All(hits, h => Assert.Contains("Belousov", h.GetProperty("snippet").GetString(), StringComparison.OrdinalIgnoreCase));
        Assert.All(hits, h => Assert.False(string.IsNullOrEmpty(h.GetProperty("story").GetString())));
    }

    [Theory]
    [InlineData("/api/stories?limit=0")]
    [InlineData("/api/stories?limit=201")]
    [InlineData("/api/stories?limit=-3")]
    [InlineData("/api/stories?limit=many")]
    [InlineData("/api/stories?offset=-1")]
    [InlineData("/api/search?q=fire&limit=0")]
    [InlineData("/api/search?q=fire&limit=1000")]
    [InlineData("/api/search?q=")]
    [InlineData("/api/search?q=%20%2B%2B")]
    public async Task A_bad_parameter_is_a_400_problem(string path)
    {
        using var response = await Http.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/api/stories/s999999")]
    [InlineData("/api/stories/%3Cscript%3E")]
    [InlineData("/api/articles/no-such-article")]
    [InlineData("/api/nothing-here")]
    public async Task An_unknown_id_is_a_404_problem(string path)
    {
        using var response = await Http.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_openapi_document_lists_every_api_path_with_a_summary()
    {
        var json = await GetJsonAsync("/openapi/v1.json");
        var paths = json.GetProperty("paths");
        string[] expected = ["/api/stories", "/api/stories/{id}", "/api/articles/{id}", "/api/search", "/api/status"];
        foreach (var path in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing");
            Assert.False(string.IsNullOrEmpty(item.GetProperty("get").GetProperty("summary").GetString()));
        }
        // The pages are not part of the API.
        Assert.Equal(expected.Order(StringComparer.Ordinal), paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/search?q=fire")]
    [InlineData("/api/stories")]
    [InlineData("/api/status")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/stories/nope")]
    [InlineData("/api/stories?limit=0")]
    [InlineData("/favicon.ico")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await Http.GetAsync(path, Token);
        Assert.Equal(DossierWeb.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("default-src 'none'", DossierWeb.ContentSecurityPolicy);
        Assert.Contains("frame-ancestors 'none'", DossierWeb.ContentSecurityPolicy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/stories/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/stories/s1/articles/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/articles/%2e%2e%2f%2e%2e%2fdossier.db")]
    [InlineData("/api/articles/..%5C..%5Cdossier.db")]
    [InlineData("/openapi/../../Dossier.dll")]
    [InlineData("/Dossier.Web.dll")]
    [InlineData("/dossier.db")]
    public async Task No_path_reaches_a_file(string path)
    {
        // Sent as raw bytes: an HTTP client would tidy the dots away before the server saw them.
        var port = new Uri(served.Address).Port;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port, Token);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), Token);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        var response = await reader.ReadToEndAsync(Token);
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(status is 400 or 404, $"{path}: {status}");
        Assert.DoesNotContain("root:", response, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite format 3", response, StringComparison.Ordinal);
        Assert.DoesNotContain("This program cannot be run in DOS mode", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_reading_is_allowed_and_bodies_are_refused()
    {
        using var post = await Http.PostAsync("/api/stories", new StringContent(new string('x', 10_000)), Token);
        Assert.True(post.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.RequestEntityTooLarge, post.StatusCode.ToString());
        using var delete = await Http.DeleteAsync("/api/articles/" + ServedStore.SeedArticle, Token);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal("grouped", (await GetJsonAsync("/api/articles/" + ServedStore.SeedArticle)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Hostile_text_is_escaped_on_every_page()
    {
        var story = await served.StoryOfAsync(ServedStore.HostileId);
        string[] paths = ["/", "/stories/" + story, $"/stories/{story}/articles/{ServedStore.HostileId}?start=0&end=20", "/search?q=warehouse"];
        foreach (var path in paths)
        {
            var html = await Http.GetStringAsync(path, Token);
            Assert.DoesNotContain(ServedStore.ScriptPayload, html);
            Assert.DoesNotContain("<img", html);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        }
        var article = await Http.GetStringAsync($"/stories/{story}/articles/{ServedStore.HostileId}", Token);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", article);
    }
}
