using System.Diagnostics;
using System.Globalization;
using SynthVault.Planner;
using SynthVault.Planner.Presets;

namespace SynthVault.Benchmarks;

internal static partial class TargetRegistry
{
    /// <summary>
    /// The cost view must feel instant: a plan, its tornado and the HTML page with the chart, built from presets,
    /// for 50 volumes in a row (a volume slider in the TUI recomputes on every step).
    /// </summary>
    private static void RegisterPlanner()
    {
        TargetHarness.Targets.Add(new("planner.plan-tornado-html x50", 5, () =>
        {
            var scenario = new CostScenarioBuilder(TimeProvider.System)
                .ApplyPreset(PresetCatalog.BuiltIn.Find("h100-runpod-community"))
                .ApplyPreset(PresetCatalog.BuiltIn.Find("prolific-writing-corporate"))
                .Build();
            var plans = Stopwatch.StartNew();
            var bars = 0;
            for (var volume = 500; volume <= 25_000; volume += 500)
            {
                bars += CostReport.Create(scenario, volume).Tornado.Count;
            }

            var planSeconds = plans.Elapsed.TotalSeconds;
            var html = CostPlanHtml.Render(CostReport.Create(scenario, 10_000));
            return string.Create(CultureInfo.InvariantCulture, $"50 plans with tornado ({bars} bars) in {planSeconds * 1000:F1} ms; one HTML page with chart {html.Length / 1024.0:F0} KiB");
        }, MemoryBudgetMb: 400));
    }
}
