using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Privacy;
using SynthVault.Testing;
using Xunit.Abstractions;

namespace SynthVault.Evaluation.Tests.Privacy;

/// <summary>
/// Three disjoint seeded slices of UCI Adult (2,000 rows each) and the audits the tests read: a "generator" that
/// copies its training rows, and one whose output is an independent sample of the same population (the third
/// slice) — the best a generator can do. Computed once for the class.
/// </summary>
public sealed class AdultAuditFixture
{
    public AdultAuditFixture()
    {
        var adult = TestData.Adult;
        var order = Permutation(adult.RowCount, 11);
        Train = adult.Take(order.AsSpan(0, 2000));
        Holdout = adult.Take(order.AsSpan(2000, 2000));
        Independent = adult.Take(order.AsSpan(4000, 2000));
        Options = new PrivacyOptions(Seed: 5, BootstrapResamples: 500, AttackTargets: 250);
        Copy = PrivacyEvaluator.Evaluate(Train, Holdout, Train, TestData.AdultSchema, Options);
        Fresh = PrivacyEvaluator.Evaluate(Train, Holdout, Independent, TestData.AdultSchema, Options);
    }

    public Table Train { get; }

    public Table Holdout { get; }

    public Table Independent { get; }

    public PrivacyOptions Options { get; }

    public PrivacySection Copy { get; }

    public PrivacySection Fresh { get; }

    internal static int[] Permutation(int n, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var p = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }

        return p;
    }
}

public sealed class PrivacyEvaluatorTests(AdultAuditFixture adult) : IClassFixture<AdultAuditFixture>
{
    [Fact]
    public void A_copy_of_the_training_rows_is_flagged_by_every_memorization_metric()
    {
        var m = adult.Copy.Overall;
        Assert.Equal(1.0, m.IdenticalMatchShareTrain);
        // Adult has a few duplicate rows, so a copy can match a holdout row by chance, but rarely.
        Assert.True(m.IdenticalMatchShareHoldout < 0.01, $"holdout identical share {m.IdenticalMatchShareHoldout}");
        Assert.True(m.DcrShare.Value > 0.95 && m.DcrShare.Lower > 0.5, $"DCR share {m.DcrShare}");
        Assert.False(m.DcrPasses);
        Assert.Equal(0.0, m.NndrP10Train);
        Assert.True(m.NndrP10Holdout > 0.1, $"NNDR P10 holdout {m.NndrP10Holdout}");
        Assert.True(m.MiaAuroc > 0.95, $"MIA AUROC {m.MiaAuroc}");
        Assert.True(m.MiaTprAtFpr1 > 0.9, $"MIA TPR at 1 % FPR {m.MiaTprAtFpr1}");
    }

    [Fact]
    public void An_independent_sample_of_the_same_population_passes_the_memorization_tests()
    {
        var m = adult.Fresh.Overall;
        Assert.Equal(2000, m.TrainRows);
        Assert.Equal(2000, m.HoldoutRows);
        Assert.Equal(2000, m.SyntheticRows);
        Assert.True(m.IdenticalMatchShareTrain < 0.01 && m.IdenticalMatchShareHoldout < 0.01);
        Assert.True(m.DcrShare.Lower <= 0.5 && 0.5 <= m.DcrShare.Upper, $"DCR share {m.DcrShare}");
        Assert.True(m.DcrPasses);
        // With 2,000 members and 2,000 non-members the AUROC's standard error is about 0.009: ±0.05 is over 5 of them.
        Assert.InRange(m.MiaAuroc, 0.45, 0.55);
        // A blind attacker's TPR at 1 % FPR is about 1 %; 5 % leaves room for the coarse low end of the ROC curve.
        Assert.True(m.MiaTprAtFpr1 < 0.05, $"MIA TPR at 1 % FPR {m.MiaTprAtFpr1}");
        Assert.InRange(m.NndrP10Train, 0.5 * m.NndrP10Holdout, 1.5 * m.NndrP10Holdout);
    }

    [Fact]
    public void Attacks_on_a_copy_of_the_training_rows_show_a_clear_risk()
    {
        var attacks = adult.Copy.Overall.Attacks;
        Assert.Contains(attacks, a => a.Attack == "singling-out-univariate");
        Assert.Contains(attacks, a => a.Attack == "singling-out-multivariate");
        Assert.Contains(attacks, a => a.Attack == "linkability");
        Assert.Equal(TestData.AdultSchema.Columns.Count, attacks.Count(a => a.Attack.StartsWith("inference:", StringComparison.Ordinal)));
        foreach (var a in attacks)
        {
            Assert.True(a.Attempts > 50, $"{a.Attack}: {a.Attempts} attempts");
            Assert.True(a.Risk.Lower > 0.5, $"{a.Attack}: risk {a.Risk}");
            Assert.True(a.MainSuccessRate.Value > a.ControlSuccessRate.Value);
        }
    }

    [Fact]
    public void Attacks_on_an_independent_sample_show_no_measurable_risk()
    {
        // Every risk interval reaches 0. The point values of singling-out and linkability, whose control rates are
        // low, stay below 0.1; inference risks divide by 1 − r_control, which is small for columns the control already
        // guesses well (capital_loss: 0.89), so only their intervals are checked.
        foreach (var a in adult.Fresh.Overall.Attacks)
        {
            Assert.True(a.Risk.Lower == 0, $"{a.Attack}: risk {a.Risk}");
            Assert.InRange(a.Risk.Value, a.Risk.Lower, a.Risk.Upper);
            if (!a.Attack.StartsWith("inference:", StringComparison.Ordinal))
            {
                Assert.True(a.Risk.Value < 0.1, $"{a.Attack}: risk {a.Risk}");
            }
        }
    }

    [Fact]
    public void Each_income_class_is_audited_on_its_own()
    {
        var section = adult.Fresh;
        Assert.Equal(["<=50K", ">50K"], section.PerClass.Keys.Order(StringComparer.Ordinal));
        var income = (StringColumn)adult.Train["income"];
        var holdoutIncome = (StringColumn)adult.Holdout["income"];
        var rich = Enumerable.Range(0, income.Length).Count(i => income[i] == ">50K");
        var richHoldout = Enumerable.Range(0, holdoutIncome.Length).Count(i => holdoutIncome[i] == ">50K");
        var minority = section.PerClass[">50K"];
        Assert.Equal(Math.Min(rich, richHoldout), minority.TrainRows);
        Assert.Equal(minority.TrainRows, minority.HoldoutRows);
        // The class interval is a 95 % interval: over 30 random Adult splits it held 0.5 in 58 of 60 class audits, and
        // this split is one of the misses on the safe side (0.455). So the test checks what the audit decides — the
        // lower bound is not above 0.5 — and that the share is within 0.06 (about 2.5 standard errors at ~700 rows).
        Assert.True(minority.DcrPasses, $"minority DCR share {minority.DcrShare}");
        Assert.InRange(minority.DcrShare.Value, 0.44, 0.56);
        // The label is constant inside a class, so it is not attacked as a secret there.
        Assert.DoesNotContain(minority.Attacks, a => a.Attack == "inference:income");
        Assert.True(adult.Copy.PerClass[">50K"].DcrShare.Lower > 0.9);
    }

    [Fact]
    public void The_same_seed_gives_the_same_numbers_whatever_the_thread_count()
    {
        var train = adult.Train.Head(400);
        var holdout = adult.Holdout.Head(300);
        var synthetic = adult.Independent.Head(350);
        var a = PrivacyEvaluator.Evaluate(train, holdout, synthetic, TestData.AdultSchema, new PrivacyOptions(Seed: 3, AttackTargets: 100, MaxDegreeOfParallelism: 1));
        var b = PrivacyEvaluator.Evaluate(train, holdout, synthetic, TestData.AdultSchema, new PrivacyOptions(Seed: 3, AttackTargets: 100, MaxDegreeOfParallelism: 4));
        AssertSame(a.Overall, b.Overall);
        Assert.Equal(a.PerClass.Keys, b.PerClass.Keys);
        foreach (var key in a.PerClass.Keys)
        {
            AssertSame(a.PerClass[key], b.PerClass[key]);
        }

        // Train (400) is subsampled to the holdout's size (300) so that 0.5 stays the ideal DCR share.
        Assert.Equal(300, a.Overall.TrainRows);
    }

    private static void AssertSame(PrivacyMetrics x, PrivacyMetrics y)
    {
        Assert.Equal(x with { Attacks = [], DcrSyntheticToTrain = [], DcrSyntheticToHoldout = [] }, y with { Attacks = [], DcrSyntheticToTrain = [], DcrSyntheticToHoldout = [] }, new MetricsComparer());
        Assert.Equal(x.Attacks, y.Attacks);
        Assert.Equal(x.DcrSyntheticToTrain, y.DcrSyntheticToTrain);
        Assert.Equal(x.DcrSyntheticToHoldout, y.DcrSyntheticToHoldout);
    }

    private sealed class MetricsComparer : IEqualityComparer<PrivacyMetrics>
    {
        public bool Equals(PrivacyMetrics? a, PrivacyMetrics? b) =>
            a is not null && b is not null
            && a.TrainRows == b.TrainRows && a.HoldoutRows == b.HoldoutRows && a.SyntheticRows == b.SyntheticRows
            && a.IdenticalMatchShareTrain.Equals(b.IdenticalMatchShareTrain) && a.IdenticalMatchShareHoldout.Equals(b.IdenticalMatchShareHoldout)
            && a.DcrShare == b.DcrShare && a.NndrP10Train.Equals(b.NndrP10Train) && a.NndrP10Holdout.Equals(b.NndrP10Holdout)
            && a.MiaAuroc.Equals(b.MiaAuroc) && a.MiaTprAtFpr1.Equals(b.MiaTprAtFpr1);

        public int GetHashCode(PrivacyMetrics obj) => obj.TrainRows;
    }

    [Fact]
    public void The_reported_distance_lists_are_capped()
    {
        var options = new PrivacyOptions(MaxReportedDistances: 100, AttackTargets: 50, BootstrapResamples: 100);
        var m = PrivacyEvaluator.Evaluate(adult.Train.Head(500), adult.Holdout.Head(500), adult.Independent.Head(500), TestData.AdultSchema, options).Overall;
        Assert.Equal(100, m.DcrSyntheticToTrain.Count);
        Assert.Equal(100, m.DcrSyntheticToHoldout.Count);
        Assert.All(m.DcrSyntheticToTrain, d => Assert.InRange(d, 0, 1));
    }

    [Fact]
    public void Classes_with_too_few_rows_are_left_out_of_the_per_class_section()
    {
        var options = new PrivacyOptions(MinRowsPerClass: 200, AttackTargets: 50, BootstrapResamples: 100);
        // 600 rows hold about 150 ">50K" rows per set: below the 200-row minimum.
        var section = PrivacyEvaluator.Evaluate(adult.Train.Head(600), adult.Holdout.Head(600), adult.Independent.Head(600), TestData.AdultSchema, options);
        Assert.Equal(["<=50K"], section.PerClass.Keys);
    }

    [Fact]
    public void Identifier_text_and_personal_data_columns_are_not_compared()
    {
        // The copy gets fresh ids, names and notes: rows still count as identical copies.
        var train = adult.Train.Head(300);
        var holdout = adult.Holdout.Head(300);
        Column Ids(string name, int offset) => StringColumn.FromValues(name, [.. Enumerable.Range(offset, 300).Select(i => "v" + i.ToString(CultureInfo.InvariantCulture))]);
        var schema = new TableSchema([
            .. TestData.AdultSchema.Columns,
            new ColumnSchema("id", ColumnKind.Identifier, DataType.String, Policy: ColumnPolicy.Regenerate),
            new ColumnSchema("name", ColumnKind.Categorical, DataType.String, PiiKind.PersonName, Policy: ColumnPolicy.Surrogate),
            new ColumnSchema("note", ColumnKind.Text, DataType.String),
        ]);
        Table Extend(Table t, int offset) => t.With(Ids("id", offset)).With(Ids("name", offset)).With(Ids("note", offset));
        var m = PrivacyEvaluator.Evaluate(Extend(train, 0), Extend(holdout, 1000), Extend(train, 5000), schema, new PrivacyOptions(AttackTargets: 50, BootstrapResamples: 100)).Overall;
        Assert.Equal(1.0, m.IdenticalMatchShareTrain);
        Assert.All(m.DcrSyntheticToTrain, d => Assert.Equal(0.0, d));
    }

    [Fact]
    public void A_synthetic_table_without_a_compared_column_is_rejected_naming_the_column()
    {
        var synthetic = adult.Independent.Head(100).Without(["age"]);
        var e = Assert.Throws<SynthVaultException>(() => PrivacyEvaluator.Evaluate(adult.Train.Head(100), adult.Holdout.Head(100), synthetic, TestData.AdultSchema));
        Assert.Equal("age", e.Column);
    }

    [Fact]
    public void A_table_with_fewer_than_two_rows_is_rejected_with_a_hint()
    {
        var e = Assert.Throws<SynthVaultException>(() => PrivacyEvaluator.Evaluate(adult.Train.Head(100), adult.Holdout.Head(1), adult.Independent.Head(100), TestData.AdultSchema));
        Assert.Contains("holdout", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.Hint);
    }

    [Fact]
    public void A_schema_with_nothing_to_compare_is_rejected()
    {
        var t = new Table([StringColumn.FromValues("id", ["a", "b", "c"])]);
        var schema = new TableSchema([new ColumnSchema("id", ColumnKind.Identifier, DataType.String, Policy: ColumnPolicy.Regenerate)]);
        var e = Assert.Throws<SynthVaultException>(() => PrivacyEvaluator.Evaluate(t, t, t, schema));
        Assert.Contains("No column can be compared", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_is_reported_up_to_the_total()
    {
        var updates = new List<ProgressUpdate>();
        var progress = new SynchronousProgress(updates.Add);
        PrivacyEvaluator.Evaluate(adult.Train.Head(200), adult.Holdout.Head(200), adult.Independent.Head(200), TestData.AdultSchema, new PrivacyOptions(AttackTargets: 20, BootstrapResamples: 50), progress);
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal("privacy", u.Stage));
        Assert.Equal(1.0, updates[^1].Fraction);
    }

    private sealed class SynchronousProgress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
