using System.Runtime.CompilerServices;
using Dossier.Model;

namespace Dossier.Web;

/// <summary>
/// A story's page and JSON, rendered once per report: keyed by the report's analysis (immutable, one per story
/// version), so a rendering lives as long as <see cref="Store.StoryReports"/> keeps the report and no longer.
/// </summary>
internal sealed class RenderedStories
{
    private readonly ConditionalWeakTable<Analysis, string> _pages = new();
    private readonly ConditionalWeakTable<Analysis, byte[]> _json = new();

    public string Page(Analysis analysis, Func<Analysis, string> render) => _pages.GetValue(analysis, a => render(a));

    public byte[] Json(Analysis analysis, Func<Analysis, byte[]> render) => _json.GetValue(analysis, a => render(a));
}
