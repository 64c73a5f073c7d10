namespace Dossier.Eval;

public static class NerEval
{
    public static int Run(string shared, string[] args) => throw new NotImplementedException(shared + args.Length);
}
