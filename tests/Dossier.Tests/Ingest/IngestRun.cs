using Dossier.Ingest;
using Xunit;

namespace Dossier.Tests.Ingest;

internal static class IngestRun
{
    public static async Task<List<IngestResult>> ReadAll(FileSource source, params string[] paths)
    {
        var results = new List<IngestResult>();
        await foreach (var result in source.ReadAsync(paths, TestContext.Current.CancellationToken)) results.Add(result);
        return results;
    }

    public static Task<List<IngestResult>> ReadAll(params string[] paths) => ReadAll(new FileSource(), paths);

    public static List<SourceDocument> Documents(this IEnumerable<IngestResult> results)
        => results.Where(r => r.Document is not null).Select(r => r.Document!).ToList();

    public static List<Dossier.Model.SkippedInput> Skips(this IEnumerable<IngestResult> results)
        => results.Where(r => r.Skipped is not null).Select(r => r.Skipped!).ToList();
}
