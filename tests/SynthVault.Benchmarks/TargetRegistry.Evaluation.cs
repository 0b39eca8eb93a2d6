using System.Globalization;
using SynthVault.Evaluation.Fidelity;
using SynthVault.Evaluation.Reporting;
using SynthVault.Testing;

namespace SynthVault.Benchmarks;

/// <summary>Speed targets of the evaluation on the full Adult table (30,162 rows, 15 columns).</summary>
internal static partial class TargetRegistry
{
    private static void RegisterEvaluation()
    {
        // Fidelity of 15,000 synthetic rows against 15,000 real rows: 15 shapes and 105 pair trends.
        TargetHarness.Targets.Add(new("evaluation.fidelity.adult-15k", 10, () =>
        {
            var adult = TestData.Adult;
            var real = adult.Take(Rows(0, 15_000));
            var synthetic = adult.Take(Rows(15_000, 15_000));
            var result = FidelityEvaluator.Evaluate(real, synthetic, TestData.AdultSchema);
            return string.Create(CultureInfo.InvariantCulture, $"quality {result.QualityScore:F4}, {result.PairTrends.Count} pairs");
        }));

        // The whole evaluation with report files: fidelity, TSTR/TRTR (200 bootstrap resamples) and a 3-fold
        // discriminator on 15,000 train / 10,000 synthetic / 5,162 holdout rows, then report.json and report.html.
        TargetHarness.Targets.Add(new("evaluation.full.adult", 90, () =>
        {
            var adult = TestData.Adult;
            var inputs = new EvaluationInputs(adult.Take(Rows(0, 15_000)), adult.Take(Rows(15_000, 10_000)), TestData.AdultSchema, adult.Take(Rows(25_000, adult.RowCount - 25_000)));
            var report = Evaluator.Run(inputs);
            var dir = Path.Combine(Path.GetTempPath(), "synthvault-bench-report");
            ReportWriter.WriteFiles(report, inputs.Train, inputs.Synthetic, inputs.Schema, dir);
            return string.Create(CultureInfo.InvariantCulture, $"quality {report.Fidelity.QualityScore:F4}, TSTR/TRTR {report.Utility?.Ratio:F3}, discriminator AUC {report.Discriminator?.RocAuc:F3}");
        }));
    }

    private static int[] Rows(int start, int count) => [.. Enumerable.Range(start, count)];
}
