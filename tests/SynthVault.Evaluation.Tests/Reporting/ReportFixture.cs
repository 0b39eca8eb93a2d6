using SynthVault.Core.Data;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Privacy;
using SynthVault.Evaluation.Reporting;
using SynthVault.Evaluation.Utility;
using SynthVault.Testing;

namespace SynthVault.Evaluation.Tests.Reporting;

/// <summary>
/// One evaluation of an Adult sample, shared by the report tests (it takes a few seconds): 3,000 training rows,
/// a 3,000-row "synthetic" table built from other real rows with two columns shuffled (so some pairs lose their
/// trend), a 1,000-row holdout, an e-mail column marked as PII in all three, and a stand-in privacy auditor whose
/// fixed numbers exercise the privacy section.
/// </summary>
public sealed class ReportFixture
{
    public ReportFixture()
    {
        Train = WithEmail(AdultSplits.Part(0, 3000), "real.example.org");
        var other = AdultSplits.Part(3000, 3000);
        var shuffled = AdultSplits.ShuffleEachColumn(other, 9);
        Synthetic = WithEmail(other.With(shuffled["age"]).With(shuffled["occupation"]), "fake.example.net");
        Holdout = WithEmail(AdultSplits.Part(6000, 1000), "real.example.org");
        Schema = new TableSchema([.. TestData.AdultSchema.Columns, new ColumnSchema("email", ColumnKind.Categorical, DataType.String, PiiKind.Email, Policy: ColumnPolicy.Surrogate)]);
        var options = new EvaluationOptions(
            Seed: 7,
            Utility: new UtilityOptions(Iterations: 50, BootstrapResamples: 50),
            PrivacyAuditor: new DelegatePrivacyAuditor((request, _) => StandInPrivacy(request)),
            Clock: new FixedClock(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        Report = Evaluator.Run(new EvaluationInputs(Train, Synthetic, Schema, Holdout, TrainName: "adult-train.csv", SyntheticName: "adult-synthetic.csv", HoldoutName: "adult-holdout.csv"), options);
    }

    public Table Train { get; }

    public Table Synthetic { get; }

    public Table Holdout { get; }

    public TableSchema Schema { get; }

    public EvaluationReport Report { get; }

    /// <summary>A personal-data column: the report must name it but never show a value.</summary>
    internal static Table WithEmail(Table table, string domain) =>
        table.With(StringColumn.FromValues("email", [.. Enumerable.Range(0, table.RowCount).Select(i => $"person{i}@{domain}")]));

    /// <summary>Fixed, clearly artificial privacy numbers: the report only renders what an auditor returns.</summary>
    internal static PrivacySection StandInPrivacy(PrivacyAuditRequest request)
    {
        var n = request.Synthetic.RowCount;
        var toTrain = Enumerable.Range(0, n).Select(i => 0.05 + (0.3 * ((i * 7919) % 997) / 997.0)).ToArray();
        var toHoldout = Enumerable.Range(0, n).Select(i => 0.05 + (0.3 * ((i * 104729) % 991) / 991.0)).ToArray();
        var metrics = new PrivacyMetrics(
            request.Train.RowCount,
            request.Holdout.RowCount,
            n,
            0.001,
            0.001,
            new Estimate(0.51, 0.49, 0.53),
            0.4,
            0.41,
            0.52,
            0.012,
            [new AttackResult("singling-out", 500, new Estimate(0.02, 0.01, 0.03), new Estimate(0.02, 0.01, 0.03), new Estimate(0, -0.01, 0.01))],
            toTrain,
            toHoldout);
        return new PrivacySection(metrics, new Dictionary<string, PrivacyMetrics> { [">50K"] = metrics });
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
