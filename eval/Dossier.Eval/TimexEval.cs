namespace Dossier.Eval;

public static class TimexEval
{
    public static int Run(string shared, string[] args) => throw new NotImplementedException(shared + args.Length);
}
