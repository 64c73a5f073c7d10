using Dossier.Cli;
using Xunit;

namespace Dossier.Tests.Cli;

/// <summary>Runs `dossier` in process as a reader would, capturing what it writes.</summary>
internal static class CommandLine
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await DossierCommand.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
