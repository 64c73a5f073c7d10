namespace Dossier.Eval;

public static class ClusterEval
{
    public static int Run(string shared, string[] args) => throw new NotImplementedException(shared + args.Length);
}
