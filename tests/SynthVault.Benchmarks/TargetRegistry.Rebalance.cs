using System.Globalization;
using SynthVault.App.Rebalancing;
using SynthVault.Core.Data;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Rebalancing;
using SynthVault.Testing;

namespace SynthVault.Benchmarks;

/// <summary>Issue #5 targets: SMOTE on 200 k × 30 with 1 k positives under 2 s; the whole benchmark on the fraud sample under 2 minutes.</summary>
internal static partial class TargetRegistry
{
    private static void RegisterRebalance()
    {
        TargetHarness.Targets.Add(new("smote-200k", 2, () =>
        {
            // The data is made outside the timed part of the work as far as the harness allows; the CPU time of the
            // rebalancing alone is reported too, because wall time on a shared 2-core machine depends on the neighbours.
            var (table, schema) = Gaussian(200_000, 30, 1_000, seed: 5);
            var cpu = Environment.CpuUsage.TotalTime;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = Rebalancer.Rebalance(table, schema, new RebalanceOptions("y", 0.5, "1", Seed: 1), new SmoteGenerator());
            return string.Create(CultureInfo.InvariantCulture,
                $"200,000 x 30 with 1,000 positives rebalanced to 50 %: {result.GeneratedRows:N0} SMOTE rows, {result.Combined.RowCount:N0} rows out; rebalancing alone {watch.Elapsed.TotalSeconds:F2} s wall, {(Environment.CpuUsage.TotalTime - cpu).TotalSeconds:F2} s CPU.");
        }));

        TargetHarness.Targets.Add(new("rebalance-bench-sample", 120, () =>
        {
            var (table, schema) = RareFraud();
            var methods = new[] { "smote", "smotenc", "borderline", "borderline2", "adasyn", "random" };
            var result = RebalanceBenchmark.Run(table, schema, new RebalanceBenchOptions("Class", methods, "1", TargetRatio: 0.10, Seed: 42), RebalanceBenchmark.Generators(methods));
            Console.WriteLine(RebalanceBenchReport.ToText(result));
            Write("rebalance-bench-sample", result);
            return $"{result.Variants.Count} variants on {result.Rows} rows ({result.Positives} frauds).";
        }));

        TargetHarness.Targets.Add(new("rebalance-bench-adult", 300, () =>
        {
            // Adult with ">50K" downsampled to 2 % (seed 2024), the larger demo case of issue #5.
            var rare = RareClassSample.Take(TestData.Adult, "income", ">50K", 0.02, seed: 2024);
            var methods = new[] { "smote", "smotenc", "borderline", "adasyn", "random" };
            var result = RebalanceBenchmark.Run(rare, TestData.AdultSchema, new RebalanceBenchOptions("income", methods, ">50K", TargetRatio: 0.10, Seed: 42), RebalanceBenchmark.Generators(methods));
            Console.WriteLine(RebalanceBenchReport.ToText(result));
            Write("rebalance-bench-adult", result);
            return $"{result.Variants.Count} variants on {result.Rows} rows ({result.Positives} positives).";
        }));
    }

    private static void Write(string name, RebalanceBenchResult result)
    {
        var folder = Path.Combine(Path.GetTempPath(), "synthvault-bench");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".json"), RebalanceBenchReport.ToJson(result));
        File.WriteAllText(Path.Combine(folder, name + ".html"), RebalanceBenchReport.ToHtmlPage(result));
        Console.WriteLine($"  report: {Path.Combine(folder, name + ".html")}");
    }

    private static (Table, TableSchema) Gaussian(int rows, int features, int positives, long seed)
    {
        var rng = new SeedStreams(seed).CreateGenerator("gaussian");
        var columns = new List<Column>();
        var schema = new List<ColumnSchema>();
        for (var j = 0; j < features; j++)
        {
            var values = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                values[i] = rng.NextGaussian() + (i < positives ? 0.5 : 0);
            }

            columns.Add(new Float64Column("f" + j, values));
            schema.Add(new ColumnSchema("f" + j, ColumnKind.Continuous, DataType.Float64));
        }

        columns.Add(new Int64Column("y", [.. Enumerable.Range(0, rows).Select(i => i < positives ? 1L : 0L)]));
        schema.Add(new ColumnSchema("y", ColumnKind.Categorical, DataType.Int64, Role: ColumnRole.Label));
        return (new Table(columns), new TableSchema(schema));
    }

    private static (Table, TableSchema) RareFraud()
    {
        var path = Path.Combine(RepoPaths.DataSamples, "creditcard-fraud", "creditcard_rare.csv");
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var columns = new List<Column>();
        var schema = new List<ColumnSchema>();
        for (var c = 1; c < header.Length; c++)
        {
            var isLabel = header[c] == "Class";
            columns.Add(isLabel
                ? new Int64Column("Class", [.. rows.Select(r => long.Parse(r[c], CultureInfo.InvariantCulture))])
                : new Float64Column(header[c], [.. rows.Select(r => double.Parse(r[c], CultureInfo.InvariantCulture))]));
            schema.Add(isLabel
                ? new ColumnSchema("Class", ColumnKind.Categorical, DataType.Int64, Role: ColumnRole.Label)
                : new ColumnSchema(header[c], ColumnKind.Continuous, DataType.Float64));
        }

        return (new Table(columns), new TableSchema(schema));
    }
}
