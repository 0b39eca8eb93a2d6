using System.Diagnostics;
using System.Globalization;

namespace SynthVault.Benchmarks;

/// <summary>
/// A small timed harness for the speed and memory targets of the issues: each target runs once after a
/// warm-up, prints its wall time, peak working set and the ratio to its budget. Targets register in
/// <see cref="Targets"/>; pass names to run a subset.
/// </summary>
public static class TargetHarness
{
    /// <summary>A named target: the work to time and its budget in seconds.</summary>
    public sealed record Target(string Name, double BudgetSeconds, Func<string> Run, double? MemoryBudgetMb = null);

    public static List<Target> Targets { get; } = [];

    public static int Run(string[] names)
    {
        TargetRegistry.RegisterAll();
        var selected = names.Length == 0 ? Targets : Targets.Where(t => names.Any(n => t.Name.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
        var failed = 0;
        foreach (var target in selected)
        {
            GC.Collect();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var sw = Stopwatch.StartNew();
            var detail = target.Run();
            sw.Stop();
            process.Refresh();
            var peakMb = process.PeakWorkingSet64 / (1024.0 * 1024.0);
            var ratio = sw.Elapsed.TotalSeconds / target.BudgetSeconds;
            var ok = ratio <= 1.0 && (target.MemoryBudgetMb is null || peakMb <= target.MemoryBudgetMb);
            failed += ok ? 0 : 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(ok ? "PASS" : "MISS")}  {target.Name}: {sw.Elapsed.TotalSeconds:F2} s (budget {target.BudgetSeconds:F0} s, ratio {ratio:F2}), peak working set {peakMb:F0} MB{(target.MemoryBudgetMb is { } m ? $" (budget {m:F0} MB)" : string.Empty)}. {detail}"));
        }

        return failed == 0 ? 0 : 1;
    }
}
