using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Evaluation.Privacy;
using SynthVault.Testing;

namespace SynthVault.Evaluation.Tests.Privacy;

/// <summary>The 492 frauds of the card-fraud sample, split with a fixed seed into three slices of 164.</summary>
public sealed class MinorityCopyAuditTests
{
    private static readonly Lazy<(Table Train, Table Holdout, Table Other)> Frauds = new(() =>
    {
        var data = TestData.CreditCard;
        var label = ((Int64Column)data["Class"]).Values.ToArray();
        var rows = Enumerable.Range(0, data.RowCount).Where(i => label[i] == 1).ToArray();
        var order = AdultAuditFixture.Permutation(rows.Length, 3);
        var shuffled = order.Select(i => rows[i]).ToArray();
        return (data.Take(shuffled.AsSpan(0, 164)), data.Take(shuffled.AsSpan(164, 164)), data.Take(shuffled.AsSpan(328, 164)));
    });

    private static readonly MinorityCopyOptions Options = new(Seed: 8, BootstrapResamples: 500);

    [Fact]
    public void Copies_of_minority_rows_are_identical_and_near_copies()
    {
        var (train, holdout, _) = Frauds.Value;
        var r = MinorityCopyAudit.Evaluate(train, train, holdout, TestData.CreditCardSchema, Options);
        Assert.Equal(1.0, r.IdenticalCopyRate);
        Assert.Equal(1.0, r.NearCopyRate);
        Assert.True(r.DcrShare.Lower > 0.9, r.DcrShare.ToString());
        Assert.True(r.NearCopyEpsilon > 0, "continuous columns: real holdout rows are not at distance 0 from training rows");
        Assert.True(r.IdenticalCopyRateHoldout < 0.05);
    }

    [Fact]
    public void Slightly_perturbed_copies_are_caught_as_near_copies_though_none_is_identical()
    {
        var (train, holdout, _) = Frauds.Value;
        // Every number moved by one part in a million: no longer equal, still far closer than real neighbours are.
        var perturbed = new Table(train.Columns.Select(c => c is Float64Column f
            ? (Column)new Float64Column(f.Name, [.. f.Values.ToArray().Select(v => (v * (1 + 1e-6)) + 1e-9)])
            : c));
        var r = MinorityCopyAudit.Evaluate(perturbed, train, holdout, TestData.CreditCardSchema, Options);
        Assert.Equal(0.0, r.IdenticalCopyRate);
        Assert.True(r.NearCopyRate > 0.9, $"near-copy rate {r.NearCopyRate} at epsilon {r.NearCopyEpsilon}");
        Assert.True(r.NearCopyRateHoldout < 0.1, $"holdout near-copy rate {r.NearCopyRateHoldout}");
    }

    [Fact]
    public void Rows_from_the_same_population_are_not_copies()
    {
        var (train, holdout, other) = Frauds.Value;
        var r = MinorityCopyAudit.Evaluate(other, train, holdout, TestData.CreditCardSchema, Options);
        Assert.Equal(164, r.GeneratedRows);
        // By construction about 1 % of real unseen rows fall within epsilon of the training rows; 164 rows leave
        // room for a few more by chance (and the fraud sample holds some duplicated transactions).
        Assert.True(r.NearCopyRate < 0.1, $"near-copy rate {r.NearCopyRate}");
        Assert.True(r.IdenticalCopyRate < 0.05, $"identical rate {r.IdenticalCopyRate}");
        Assert.True(r.DcrShare.Lower <= 0.5, r.DcrShare.ToString());
        Assert.InRange(r.DcrShare.Value, 0.35, 0.65);
    }

    [Fact]
    public void An_explicit_radius_of_zero_makes_near_copies_exact_copies()
    {
        var (train, holdout, _) = Frauds.Value;
        var half = train.Head(80);
        var generated = TableConcat.Vertical([half, holdout.Head(84)]);
        var r = MinorityCopyAudit.Evaluate(generated, train, holdout, TestData.CreditCardSchema, Options with { NearCopyEpsilon = 0 });
        Assert.Equal(0.0, r.NearCopyEpsilon);
        Assert.Equal(r.IdenticalCopyRate, r.NearCopyRate);
        Assert.True(r.IdenticalCopyRate >= 80.0 / 164);
    }

    [Fact]
    public void Too_few_rows_are_rejected_with_a_hint()
    {
        var (train, holdout, _) = Frauds.Value;
        var e = Assert.Throws<SynthVaultException>(() => MinorityCopyAudit.Evaluate(train.Head(1), train, holdout, TestData.CreditCardSchema));
        Assert.Contains("generated", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.Hint);
    }
}
