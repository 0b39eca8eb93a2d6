using SynthVault.App.Rebalancing;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Privacy;
using SynthVault.Synthesis.Rebalancing;
using SynthVault.Testing;

namespace SynthVault.App.Tests.Rebalancing;

public sealed class RebalanceBenchmarkTests
{
    private static readonly string[] Methods = ["copula", "cart", "smote", "borderline", "adasyn", "random", "smotenc"];

    private static readonly Lazy<RebalanceBenchResult> Fraud = new(() => RebalanceBenchmark.Run(
        RareCardFraud.Table, RareCardFraud.Schema,
        new RebalanceBenchOptions("Class", Methods, "1", TargetRatio: 0.10, Seed: 7, BootstrapReplicates: 200),
        RebalanceBenchmark.Generators(Methods)));

    [Fact]
    public void The_rare_card_fraud_sample_has_all_normals_and_25_frauds_of_the_full_sample()
    {
        var rare = RareCardFraud.Table;
        var full = File.ReadLines(RepoPaths.CreditCardCsv).Skip(1).ToHashSet();

        Assert.Equal(1255, rare.RowCount);
        Assert.Equal(25, ((Int64Column)rare["Class"]).Values.ToArray().Count(v => v == 1));
        Assert.All(File.ReadLines(RareCardFraud.Path).Skip(1), line => Assert.Contains(line, full));
    }

    [Fact]
    public void The_benchmark_always_has_the_two_baselines_and_one_line_per_method()
    {
        var result = Fraud.Value;

        Assert.Equal([RebalanceBenchmark.TunedBaseline, RebalanceBenchmark.WeightedBaseline, .. Methods], result.Variants.Select(v => v.Name));
        var smotenc = result.Variants.Single(v => v.Name == "smotenc");
        Assert.Contains("no feature is categorical", smotenc.Error); // all-numeric data: SMOTE-NC refuses, the others run
        Assert.All(result.Variants.Where(v => v.Name != "smotenc"), v =>
        {
            Assert.Null(v.Error);
            foreach (var estimate in new[] { v.AveragePrecision, v.RocAuc, v.RecallAtPrecision, v.Brier })
            {
                // Finite metrics in [0, 1] with a finite 95 % interval around them.
                Assert.NotNull(estimate);
                Assert.InRange(estimate.Value, 0, 1);
                Assert.True(double.IsFinite(estimate.Lower) && double.IsFinite(estimate.Upper));
                Assert.InRange(estimate.Value, estimate.Lower, estimate.Upper);
            }

            Assert.NotEmpty(v.PrCurve);
            Assert.Equal(v.Method is null, v.Privacy is null); // every generator is audited, no baseline is
        });
    }

    [Fact]
    public void The_holdout_is_split_off_first_stratified_and_never_resampled()
    {
        var result = Fraud.Value;
        var labels = ((Int64Column)RareCardFraud.Table["Class"]).Values.ToArray();

        Assert.Empty(result.TrainRowIndices.Intersect(result.HoldoutRowIndices));
        Assert.Equal(1255, result.TrainRows + result.HoldoutRows);
        Assert.Equal(8, result.HoldoutPositives); // round(0.3 · 25)
        Assert.Equal(369, result.HoldoutRowIndices.Count(i => labels[i] == 0)); // round(0.3 · 1230)
        var holdout = result.HoldoutRowIndices.ToHashSet();
        foreach (var v in result.Variants.Where(v => v.Error is null))
        {
            Assert.Equal(result.HoldoutRows, v.HoldoutRows);
            Assert.All(v.Provenance.Where(p => p.ParentA is not null), p =>
            {
                Assert.DoesNotContain(p.ParentA!.Value, holdout);
                Assert.Equal(1, labels[p.ParentA.Value]);
                if (p.ParentB is { } b)
                {
                    Assert.DoesNotContain(b, holdout);
                }
            });
        }
    }

    [Fact]
    public void Resampled_variants_train_on_the_target_share_and_the_baselines_on_the_real_training_rows()
    {
        var result = Fraud.Value;

        var tuned = result.Variants[0];
        Assert.Equal(result.TrainRows, tuned.TrainRows);
        Assert.Equal(17, tuned.TrainPositives);
        var smote = result.Variants.Single(v => v.Name == "smote");
        Assert.Equal(result.TrainRows + smote.GeneratedRows, smote.TrainRows);
        Assert.True((double)smote.TrainPositives / smote.TrainRows >= 0.10);
        Assert.Equal(0.5, smote.Threshold);
    }

    [Fact]
    public void Random_over_sampling_is_flagged_for_copying_real_frauds()
    {
        var random = Fraud.Value.Variants.Single(v => v.Name == "random");

        Assert.Equal(1.0, random.Privacy!.IdenticalCopyRate);
        Assert.Contains(random.Flags, f => f.Contains("identical", StringComparison.Ordinal));
    }

    [Fact]
    public void Model_based_rows_have_no_real_parent_and_copy_no_real_fraud()
    {
        foreach (var name in new[] { "copula", "cart" })
        {
            var variant = Fraud.Value.Variants.Single(v => v.Name == name);

            Assert.All(variant.Provenance, p => Assert.Equal(OversampleProvenance.ModelBased(name), p));
            Assert.Equal(0.0, variant.Privacy!.IdenticalCopyRate); // continuous columns are drawn from smoothed or latent marginals
            Assert.DoesNotContain(variant.Flags, f => f.Contains("identical", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Too_few_rows_of_the_minority_class_for_both_parts_is_a_clear_error()
    {
        // Three frauds: the 30 % holdout takes one, so the copy audit would have a single unseen fraud to compare with.
        var labels = ((Int64Column)RareCardFraud.Table["Class"]).Values.ToArray();
        var frauds = Enumerable.Range(0, labels.Length).Where(i => labels[i] == 1).ToArray();
        var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] == 0 || Array.IndexOf(frauds, i) < 3).ToArray();
        var options = new RebalanceBenchOptions("Class", ["smote"], "1", BootstrapReplicates: 10);

        var ex = Assert.Throws<SynthVaultException>(() => RebalanceBenchmark.Run(RareCardFraud.Table.Take(rows), RareCardFraud.Schema, options, RebalanceBenchmark.Generators(["smote"])));

        Assert.Contains("Too few rows of class '1'", ex.Message);
        Assert.Contains("2 to train on and 1 to score", ex.Message);
    }

    [Fact]
    public void The_same_seed_gives_the_same_table()
    {
        var options = new RebalanceBenchOptions("Class", ["smote"], "1", TargetRatio: 0.10, Seed: 7, BootstrapReplicates: 200);

        var again = RebalanceBenchmark.Run(RareCardFraud.Table, RareCardFraud.Schema, options, RebalanceBenchmark.Generators(["smote"]));

        var first = Fraud.Value.Variants.Single(v => v.Name == "smote");
        var second = again.Variants.Single(v => v.Name == "smote");
        Assert.Equal(first.AveragePrecision, second.AveragePrecision);
        Assert.Equal(first.Brier, second.Brier);
        Assert.Equal(first.Privacy, second.Privacy);
        Assert.Equal(Fraud.Value.Variants[0].AveragePrecision, again.Variants[0].AveragePrecision);
    }

    [Fact]
    public void The_report_has_stable_json_keys_a_text_table_and_an_html_section_with_pr_curves()
    {
        var result = Fraud.Value;

        var json = RebalanceBenchReport.ToJson(result);
        var text = RebalanceBenchReport.ToText(result);
        var html = RebalanceBenchReport.ToHtmlPage(result);

        Assert.Contains("\"average_precision\"", json);
        Assert.Contains("\"recall_at_precision\"", json);
        Assert.Contains("\"dcr_share\"", json);
        Assert.DoesNotContain("\"provenance\"", json);
        Assert.Contains("none (tuned threshold)", text);
        Assert.Contains("smotenc", text);
        Assert.Contains("<section id=\"rebalance-bench\">", html);
        Assert.Equal(8, html.Split("<polyline").Length - 1); // eight variants ran (SMOTE-NC was skipped), one curve each
    }

    [Fact]
    public void A_target_ratio_at_or_below_the_training_share_is_refused()
    {
        var options = new RebalanceBenchOptions("Class", ["smote"], "1", TargetRatio: 0.01, BootstrapReplicates: 10);

        var ex = Assert.Throws<SynthVaultException>(() => RebalanceBenchmark.Run(RareCardFraud.Table, RareCardFraud.Schema, options, RebalanceBenchmark.Generators(["smote"])));

        Assert.Contains("already at", ex.Message);
    }

    [Fact]
    public void The_rare_class_sample_keeps_every_other_row_and_the_share_asked_for()
    {
        var adult = TestData.Adult;

        var rows = RareClassSample.Rows(adult, "income", ">50K", 0.02, seed: 3);

        var income = (StringColumn)adult["income"];
        var negatives = Enumerable.Range(0, adult.RowCount).Count(i => income[i] != ">50K");
        var positives = rows.Count(i => income[i] == ">50K");
        Assert.Equal(negatives, rows.Length - positives);
        Assert.Equal((int)Math.Round(0.02 * negatives / 0.98, MidpointRounding.AwayFromZero), positives);
        Assert.Equal(rows, RareClassSample.Rows(adult, "income", ">50K", 0.02, seed: 3));
        Assert.True(rows.SequenceEqual(rows.Order()));
    }
}

public sealed class RebalanceSchemaTests
{
    [Fact]
    public void Inferred_schemas_leave_row_numbers_shuffled_keys_and_free_text_out_of_learning()
    {
        var n = 100;
        var table = new Table([
            new Int64Column("id", [.. Enumerable.Range(0, n).Select(i => (long)i * 7)]),
            new Int64Column("account", [.. Enumerable.Range(0, n).Select(i => (long)((i * 37) % 101) + 5000)]),
            new Int64Column("age", [.. Enumerable.Range(0, n).Select(i => (long)(20 + (i % 30)))]),
            new Float64Column("amount", [.. Enumerable.Range(0, n).Select(i => i * 1.5)]),
            StringColumn.FromValues("city", [.. Enumerable.Range(0, n).Select(i => i % 3 == 0 ? "Oslo" : "Bergen")]),
            StringColumn.FromValues("note", [.. Enumerable.Range(0, n).Select(i => $"free text {i}")]),
            new Int64Column("is_fraud", [.. Enumerable.Range(0, n).Select(i => i < 5 ? 1L : 0L)]),
        ]);

        var schema = RebalanceSchema.Infer(table, "is_fraud");

        Assert.Equal(ColumnKind.Identifier, schema["id"].Kind); // the profiler's rule: increasing and distinct
        Assert.Equal(ColumnKind.Identifier, schema["account"].Kind); // the conservative rule: distinct integers in any order
        Assert.False(schema["account"].IsLearnable);
        Assert.Equal(ColumnKind.Integer, schema["age"].Kind);
        Assert.Equal(ColumnKind.Continuous, schema["amount"].Kind);
        Assert.Equal(ColumnKind.Categorical, schema["city"].Kind);
        Assert.Equal(ColumnKind.Text, schema["note"].Kind);
        Assert.Equal(ColumnRole.Label, schema["is_fraud"].Role);
        Assert.True(schema["is_fraud"].IsLearnable);
    }

    [Fact]
    public void The_label_asked_for_becomes_the_only_label_and_a_class()
    {
        var table = new Table([
            new Int64Column("grade", [1, 2, 3, 1, 2, 3]),
            StringColumn.FromValues("outcome", ["a", "b", "a", "b", "a", "b"]),
        ]);
        var schema = new TableSchema([
            new ColumnSchema("grade", ColumnKind.Integer, DataType.Int64),
            new ColumnSchema("outcome", ColumnKind.Categorical, DataType.String, Role: ColumnRole.Label),
        ]);

        var result = RebalanceSchema.ForLabel(schema, table, "grade");

        Assert.Equal(ColumnKind.Categorical, result["grade"].Kind);
        Assert.Equal(ColumnRole.Label, result["grade"].Role);
        Assert.Equal(ColumnRole.Feature, result["outcome"].Role);
        var ex = Assert.Throws<SynthVaultException>(() => RebalanceSchema.ForLabel(schema, table, "fraud"));
        Assert.Contains("There is no label column named 'fraud'", ex.Message);
        Assert.Contains("grade, outcome", ex.Hint);
    }
}

public sealed class RebalanceFlagTests
{
    private static MinorityCopyReport Report(double identical = 0, double near = 0, double nearHoldout = 0, double dcrLower = 0.3, int train = 17, int holdout = 8) =>
        new(100, train, holdout, new Estimate(0.5, dcrLower, 0.7), identical, 0, 0.02, near, nearHoldout);

    [Fact]
    public void A_generator_that_copies_nothing_is_not_flagged()
    {
        Assert.Empty(RebalanceBenchmark.Flags(Report(near: 0.04, nearHoldout: 0.02)));
    }

    [Fact]
    public void More_than_one_percent_identical_rows_is_flagged()
    {
        Assert.Contains(RebalanceBenchmark.Flags(Report(identical: 0.02)), f => f.StartsWith("2 % of generated rows are identical", StringComparison.Ordinal));
        Assert.Empty(RebalanceBenchmark.Flags(Report(identical: 0.01)));
    }

    [Fact]
    public void Near_copies_are_flagged_above_ten_percent_and_twice_the_size_scaled_chance_rate()
    {
        // Chance: 3 % near unseen rows × 17 / 8 training rows per unseen row = 6.4 %; twice that is 12.75 %.
        Assert.Empty(RebalanceBenchmark.Flags(Report(near: 0.12, nearHoldout: 0.03)));
        Assert.Contains(RebalanceBenchmark.Flags(Report(near: 0.13, nearHoldout: 0.03)), f => f.Contains("nearly copy", StringComparison.Ordinal));
        Assert.Empty(RebalanceBenchmark.Flags(Report(near: 0.09, nearHoldout: 0)));
    }

    [Fact]
    public void A_dcr_share_whose_interval_lies_above_one_half_is_flagged()
    {
        Assert.Contains(RebalanceBenchmark.Flags(Report(dcrLower: 0.51)), f => f.Contains("closer to training minority rows", StringComparison.Ordinal));
        Assert.Empty(RebalanceBenchmark.Flags(Report(dcrLower: 0.5)));
    }
}
