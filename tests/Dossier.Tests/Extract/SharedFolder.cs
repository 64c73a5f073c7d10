namespace Dossier.Tests.Extract;

/// <summary>Finds ../shared beside the repository at run time; nothing from it is copied into the repository.</summary>
internal static class SharedFolder
{
    public static string Locate() => Dossier.Eval.SharedData.Locate();
}
