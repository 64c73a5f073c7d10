using Dossier.Tests.Fuzz;
using SharpFuzz;

// The fuzz entry point: `dotnet Dossier.Fuzz.dll TARGET` under afl-fuzz (see fuzz/run.sh); `--replay TARGET FILE...`
// runs inputs once without AFL, so a crash can be reproduced with its stack trace.
if (args.Length >= 1 && args[0] == "--replay")
{
    if (args.Length < 2) return Usage();
    var replay = new FuzzTargets();
    foreach (var file in args.Skip(2))
    {
        replay.Run(args[1], File.ReadAllBytes(file));
        Console.WriteLine($"ok {file}");
    }
    return 0;
}
if (args.Length != 1 || !FuzzTargets.Names.Contains(args[0])) return Usage();

var target = args[0];
// Built on the first input, once per fuzzing process: instrumented code may not run before SharpFuzz maps AFL's
// coverage memory (it fails with an access violation), and the trained models must not load on every input.
FuzzTargets? targets = null;
Fuzzer.OutOfProcess.Run(stream =>
{
    targets ??= new FuzzTargets();
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    targets.Run(target, buffer.ToArray());
});
return 0;

static int Usage()
{
    Console.Error.WriteLine($"usage: Dossier.Fuzz TARGET | --replay TARGET FILE...   (TARGET: {string.Join(", ", FuzzTargets.Names)})");
    return 2;
}
