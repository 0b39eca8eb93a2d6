using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Evaluation.Reporting;
using SynthVault.Evaluation.Utility;
using SynthVault.Testing;

namespace SynthVault.Evaluation.Tests.Reporting;

public sealed class EvaluatorTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static readonly EvaluationOptions Fast = new(Utility: new UtilityOptions(Iterations: 40, BootstrapResamples: 30), RunDiscriminator: false);

    [Fact]
    public void Every_section_gets_a_verdict_judged_by_its_documented_threshold()
    {
        var v = fixture.Report.Verdicts.ToDictionary(x => x.Section);
        Assert.Equal(["fidelity", "utility", "discriminator", "privacy"], fixture.Report.Verdicts.Select(x => x.Section));

        // Real rows with two shuffled columns: shapes intact, a few pairs broken → quality ≈ 0.95 (pass ≥ 0.90).
        Assert.Equal(Verdict.Pass, v["fidelity"].Outcome);
        Assert.Equal(fixture.Report.Fidelity.QualityScore, v["fidelity"].Value);
        Assert.Equal(Verdict.Pass, v["utility"].Outcome);

        // Age and occupation no longer match the other columns: a discriminator spots that (0.70 < AUC ≤ 0.85 → warn).
        Assert.Equal(Verdict.Warn, v["discriminator"].Outcome);
        Assert.InRange(fixture.Report.Discriminator!.RocAuc, 0.70, 0.85);

        // The stand-in audit's DCR interval [0.49, 0.53] and MIA AUROC 0.52 pass.
        Assert.Equal(Verdict.Pass, v["privacy"].Outcome);
        Assert.All(v.Values, x => Assert.False(string.IsNullOrWhiteSpace(x.Summary)));
    }

    [Fact]
    public void Without_a_holdout_utility_and_privacy_are_skipped_with_the_reason()
    {
        var inputs = new EvaluationInputs(AdultSplits.Part(0, 600), AdultSplits.Part(600, 600), TestData.AdultSchema);
        var report = Evaluator.Run(inputs, Fast with { PrivacyAuditor = new DelegatePrivacyAuditor((r, _) => ReportFixture.StandInPrivacy(r)) });
        Assert.Null(report.Utility);
        Assert.Null(report.Privacy);
        var utility = report.Verdicts.Single(x => x.Section == "utility");
        Assert.Equal(Verdict.Skipped, utility.Outcome);
        Assert.Contains("holdout", utility.Summary, StringComparison.Ordinal);
        Assert.Equal(Verdict.Skipped, report.Verdicts.Single(x => x.Section == "privacy").Outcome);
    }

    [Fact]
    public void A_label_with_one_class_gives_a_partial_report_not_a_crash()
    {
        var one = StringColumn.FromValues("income", [.. Enumerable.Repeat("<=50K", 600)]);
        var inputs = new EvaluationInputs(AdultSplits.Part(0, 600).With(one), AdultSplits.Part(600, 600).With(one), TestData.AdultSchema, AdultSplits.Part(1200, 600).With(one));
        var report = Evaluator.Run(inputs, Fast);
        Assert.Equal("skipped", report.Utility!.Status);
        var verdict = report.Verdicts.Single(x => x.Section == "utility");
        Assert.Equal(Verdict.Skipped, verdict.Outcome);
        Assert.Contains("class", verdict.Summary, StringComparison.Ordinal);
        Assert.False(double.IsNaN(report.Fidelity.QualityScore));
    }

    [Fact]
    public void A_holdout_under_100_rows_is_a_report_warning()
    {
        var inputs = new EvaluationInputs(AdultSplits.Part(0, 600), AdultSplits.Part(600, 600), TestData.AdultSchema, AdultSplits.Part(1200, 60));
        var report = Evaluator.Run(inputs, Fast);
        Assert.Contains(report.Warnings, w => w.Contains("intervals are wide", StringComparison.Ordinal));
        Assert.Single(report.Warnings, w => w.Contains("intervals are wide", StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_is_reported_stage_by_stage()
    {
        var updates = new List<ProgressUpdate>();
        var inputs = new EvaluationInputs(AdultSplits.Part(0, 400), AdultSplits.Part(400, 400), TestData.AdultSchema);
        Evaluator.Run(inputs, Fast with { RunUtility = false }, new SyncProgress(updates));
        Assert.Equal(["fidelity", "utility", "discriminator", "privacy", "report"], updates.Select(u => u.Stage));
        Assert.Equal(1.0, updates[^1].Fraction);
    }

    [Fact]
    public void An_empty_holdout_is_a_clear_error()
    {
        var inputs = new EvaluationInputs(AdultSplits.Part(0, 100), AdultSplits.Part(100, 100), TestData.AdultSchema, AdultSplits.Part(200, 100).Head(0), HoldoutName: "holdout.csv");
        var ex = Assert.Throws<SynthVaultException>(() => Evaluator.Run(inputs, Fast));
        Assert.Equal("holdout.csv", ex.File);
    }

    private sealed class SyncProgress(List<ProgressUpdate> sink) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => sink.Add(value);
    }
}
