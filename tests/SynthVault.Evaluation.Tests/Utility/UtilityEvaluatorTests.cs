using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Utility;
using SynthVault.Testing;

namespace SynthVault.Evaluation.Tests.Utility;

public sealed class UtilityEvaluatorTests
{
    private static readonly UtilityOptions Fast = new(Iterations: 60, BootstrapResamples: 50);

    [Fact]
    public void Real_rows_used_as_synthetic_score_about_as_well_as_the_real_training_rows()
    {
        // Given two disjoint 5,000-row samples of Adult (one plays "synthetic") and a 2,500-row holdout.
        var train = AdultSplits.Part(0, 5000);
        var synthetic = AdultSplits.Part(5000, 5000);
        var holdout = AdultSplits.Part(10000, 2500);

        var result = UtilityEvaluator.Evaluate(train, synthetic, holdout, TestData.AdultSchema, "income", Fast);

        Assert.Equal("ok", result.Status);
        Assert.Equal(UtilityTask.BinaryClassification, result.Task);
        Assert.Equal(">50K", result.PositiveClass);
        Assert.InRange(result.Trtr!.RocAuc, 0.85, 0.95);

        // Both models learn from 5,000 rows of one distribution: their AUCs differ by sampling noise only
        // (the bootstrap interval of one AUC on 2,500 rows is about ±0.015), so the ratio stays within 0.03 of 1.
        Assert.InRange(result.Ratio, 0.97, 1.03);
        Assert.InRange(result.Tstr!.AveragePrecision, result.Trtr.AveragePrecision - 0.05, result.Trtr.AveragePrecision + 0.05);
        Assert.InRange(result.Trtr.RocAuc, result.Trtr.PrimaryInterval.Lower, result.Trtr.PrimaryInterval.Upper);
        Assert.True(result.Trtr.PrCurve.Count is > 10 and <= 200);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Synthetic_rows_whose_label_is_unrelated_to_the_features_lose_most_of_the_utility()
    {
        var train = AdultSplits.Part(0, 3000);
        var holdout = AdultSplits.Part(3000, 1500);
        var broken = AdultSplits.ShuffleEachColumn(AdultSplits.Part(4500, 3000), 7);

        var result = UtilityEvaluator.Evaluate(train, broken, holdout, TestData.AdultSchema, "income", Fast);

        // A model trained on independent columns ranks at chance (AUC ≈ 0.5 ± 0.05 on 1,500 rows).
        Assert.InRange(result.Tstr!.RocAuc, 0.4, 0.62);
        Assert.True(result.Ratio < 0.75, $"ratio {result.Ratio}");
    }

    [Fact]
    public void The_same_inputs_and_seed_give_identical_scores()
    {
        var train = AdultSplits.Part(0, 1500);
        var synthetic = AdultSplits.Part(1500, 1500);
        var holdout = AdultSplits.Part(3000, 800);
        var a = UtilityEvaluator.Evaluate(train, synthetic, holdout, TestData.AdultSchema, "income", Fast);
        var b = UtilityEvaluator.Evaluate(train, synthetic, holdout, TestData.AdultSchema, "income", Fast);
        Assert.Equal(a.Tstr!.RocAuc, b.Tstr!.RocAuc);
        Assert.Equal(a.Trtr!.PrimaryInterval, b.Trtr!.PrimaryInterval);
    }

    [Fact]
    public void A_numeric_label_is_scored_as_a_regression()
    {
        var train = AdultSplits.Part(0, 2000);
        var synthetic = AdultSplits.Part(2000, 2000);
        var holdout = AdultSplits.Part(4000, 800);
        var result = UtilityEvaluator.Evaluate(train, synthetic, holdout, TestData.AdultSchema, "hr_per_week", Fast);
        Assert.Equal(UtilityTask.Regression, result.Task);
        Assert.Equal("r2", result.PrimaryMetric);

        // Hours per week are weakly predictable from the census columns (R² around 0.1–0.3), and a real sample as
        // "synthetic" keeps that.
        Assert.InRange(result.Trtr!.R2, 0.05, 0.5);
        Assert.InRange(result.Tstr!.MeanAbsoluteError, 0.8 * result.Trtr.MeanAbsoluteError, 1.2 * result.Trtr.MeanAbsoluteError);
    }

    [Fact]
    public void A_label_with_many_classes_is_scored_as_multiclass()
    {
        var train = AdultSplits.Part(0, 2000);
        var synthetic = AdultSplits.Part(2000, 2000);
        var holdout = AdultSplits.Part(4000, 800);
        var schema = TestData.AdultSchema;
        var result = UtilityEvaluator.Evaluate(train, synthetic, holdout, schema, "relationship", Fast);
        Assert.Equal(UtilityTask.MulticlassClassification, result.Task);
        Assert.Equal(6, result.Classes.Count);

        // Relationship is largely determined by sex, marital status and age: macro AUC well above chance.
        Assert.InRange(result.Trtr!.RocAuc, 0.75, 1.0);
        Assert.InRange(result.Trtr.Accuracy, 0.5, 1.0);
    }

    [Fact]
    public void A_label_with_one_class_gives_a_skipped_section_with_the_reason()
    {
        var train = OneClass(AdultSplits.Part(0, 500));
        var result = UtilityEvaluator.Evaluate(train, AdultSplits.Part(500, 500), AdultSplits.Part(1000, 300), TestData.AdultSchema, "income", Fast);
        Assert.Equal("skipped", result.Status);
        Assert.Contains("1 class", result.SkipReason, StringComparison.Ordinal);
        Assert.Null(result.Tstr);
    }

    [Fact]
    public void A_holdout_under_100_rows_is_flagged_as_giving_wide_intervals()
    {
        var result = UtilityEvaluator.Evaluate(AdultSplits.Part(0, 800), AdultSplits.Part(800, 800), AdultSplits.Part(1600, 80), TestData.AdultSchema, "income", Fast);
        Assert.Contains(result.Warnings, w => w.Contains("intervals are wide", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_label_is_a_clear_error()
    {
        var ex = Assert.Throws<SynthVaultException>(() =>
            UtilityEvaluator.Evaluate(AdultSplits.Part(0, 200), AdultSplits.Part(200, 200), AdultSplits.Part(400, 200), TestData.AdultSchema, "salary", Fast));
        Assert.Equal("salary", ex.Column);
    }

    private static Table OneClass(Table table)
    {
        var income = StringColumn.FromValues("income", [.. Enumerable.Repeat("<=50K", table.RowCount)]);
        return table.With(income);
    }
}
