using System.Diagnostics;

namespace Dossier.Bench.Annotate;

/// <summary>One stage's timing: a warm-up pass, then timed passes whose found count must equal the warm-up's.</summary>
internal sealed record PassTimes(long Found, IReadOnlyList<double> Wall, IReadOnlyList<double> Cpu)
{
    public double MedianWall => Median(Wall);
    public double MedianCpu => Median(Cpu);

    /// <summary>Runs <paramref name="pass"/> once to warm up and <paramref name="passes"/> times timed; <paramref name="report"/> hears each pass's wall and CPU seconds.</summary>
    public static PassTimes Of(string name, Func<long> pass, int passes, Action<int, double, double> report)
    {
        using var process = Process.GetCurrentProcess();
        var found = pass();
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var p = 0; p < passes; p++)
        {
            GC.Collect();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var again = pass();
            var seconds = watch.Elapsed.TotalSeconds;
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
            wall.Add(seconds);
            if (again != found) throw new InvalidOperationException($"{name}: pass {p + 1} found {again}, the warm-up {found}");
            report(p + 1, seconds, cpu[^1]);
        }
        return new PassTimes(found, wall, cpu);
    }

    public static double Median(IReadOnlyList<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
    }
}
