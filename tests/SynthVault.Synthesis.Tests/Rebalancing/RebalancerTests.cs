using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Rebalancing;
using SynthVault.Testing;

namespace SynthVault.Synthesis.Tests.Rebalancing;

public sealed class RebalancerTests
{
    public static TheoryData<double> Ratios => [0.3, 0.35, 0.5, 0.9];

    [Theory]
    [MemberData(nameof(Ratios))]
    public void The_minority_share_after_reaches_the_target_and_one_row_fewer_would_not(double ratio)
    {
        var table = TestData.CreditCard;

        var result = Rebalancer.Rebalance(table, TestData.CreditCardSchema, new RebalanceOptions("Class", ratio, "1", Seed: 1), new SmoteGenerator());

        var p = result.OriginalPositives;
        var n = result.OriginalRows;
        var x = result.GeneratedRows;
        Assert.Equal(492, p);
        Assert.True((double)(p + x) / (n + x) >= ratio - 1e-12);
        Assert.True((double)(p + x - 1) / (n + x - 1) < ratio);
        Assert.Equal(ratio, result.ShareAfter, 1.0 / (n + x));
    }

    [Fact]
    public void The_original_rows_come_first_unchanged_and_the_provenance_names_every_row()
    {
        var (table, schema) = ImblearnReference.Numeric();

        var result = Rebalancer.Rebalance(table, schema, new RebalanceOptions("y", 0.5, Seed: 3), new SmoteGenerator());

        Assert.Equal("1", result.PositiveValue); // the rarest class when none is given
        Assert.Equal(16, result.GeneratedRows); // (0.5·40 − 12) / 0.5
        var combined = result.Combined;
        Assert.Equal(56, combined.RowCount);
        Assert.Equal(((Float64Column)table["x1"]).Values.ToArray(), ((Float64Column)combined["x1"]).Values[..40].ToArray());
        var provenance = result.Provenance;
        Assert.Equal(["row", "is_synthetic", "method", "parent_a", "parent_b", "gap"], provenance.ColumnNames);
        var synthetic = (BooleanColumn)provenance["is_synthetic"];
        var parentA = (Int64Column)provenance["parent_a"];
        for (var r = 0; r < 56; r++)
        {
            Assert.Equal(r >= 40, synthetic[r]);
            Assert.Equal(r < 40, parentA.IsNull(r));
            if (r >= 40)
            {
                Assert.Equal(result.Generated[r - 40].ParentA, (int)parentA[r]);
                Assert.Equal("smote", provenance["method"].GetValue(r));
            }
        }
    }

    [Fact]
    public void A_string_label_and_an_explicit_positive_class_work()
    {
        var adult = TestData.Adult.Head(3000);

        var result = Rebalancer.Rebalance(adult, TestData.AdultSchema, new RebalanceOptions("income", 0.4, ">50K", Seed: 4), new SmoteNcGenerator());

        var income = (StringColumn)result.Combined["income"];
        Assert.All(Enumerable.Range(3000, result.GeneratedRows), r => Assert.Equal(">50K", income[r]));
        var education = (StringColumn)result.Combined["education"];
        var known = Enumerable.Range(0, 3000).Select(i => education[i]).ToHashSet();
        Assert.All(Enumerable.Range(3000, result.GeneratedRows), r => Assert.Contains(education[r], known));
    }

    [Fact]
    public void A_missing_label_column_is_named_in_the_error()
    {
        var (table, schema) = ImblearnReference.Numeric();

        var ex = Assert.Throws<SynthVaultException>(() => Rebalancer.Rebalance(table, schema, new RebalanceOptions("is_fraud", 0.5), new SmoteGenerator()));

        Assert.Contains("no label column named 'is_fraud'", ex.Message);
    }

    [Fact]
    public void A_label_with_one_class_is_refused()
    {
        var (table, schema) = ImblearnReference.Numeric();
        var onlyMajority = table.Take(Enumerable.Range(0, 40).Where(i => ImblearnReference.Y[i] == 0).ToArray());

        var ex = Assert.Throws<SynthVaultException>(() => Rebalancer.Rebalance(onlyMajority, schema, new RebalanceOptions("y", 0.5), new SmoteGenerator()));

        Assert.Contains("single class", ex.Message);
    }

    [Theory]
    [InlineData(0.3, "already at 30 %")]
    [InlineData(0.2, "already at 30 %")]
    [InlineData(1.0, "between 0 and 1")]
    [InlineData(1.5, "between 0 and 1")]
    [InlineData(0.0, "between 0 and 1")]
    public void A_ratio_at_or_below_the_current_share_or_outside_0_to_1_is_refused(double ratio, string message)
    {
        var (table, schema) = ImblearnReference.Numeric();

        var ex = Assert.Throws<SynthVaultException>(() => Rebalancer.Rebalance(table, schema, new RebalanceOptions("y", ratio), new SmoteGenerator()));

        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void An_unknown_positive_class_lists_the_classes()
    {
        var (table, schema) = ImblearnReference.Numeric();

        var ex = Assert.Throws<SynthVaultException>(() => Rebalancer.Rebalance(table, schema, new RebalanceOptions("y", 0.5, "yes"), new SmoteGenerator()));

        Assert.Contains("No row has the label value 'yes'", ex.Message);
        Assert.Contains("0, 1", ex.Message);
    }

    [Fact]
    public void A_row_without_a_label_is_reported_with_its_row_number()
    {
        var (table, schema) = ImblearnReference.Numeric();
        var nulls = new bool[40];
        nulls[6] = true;
        table = table.With(new Int64Column("y", [.. ImblearnReference.Y.Select(v => (long)v)], nulls));

        var ex = Assert.Throws<SynthVaultException>(() => Rebalancer.Rebalance(table, schema, new RebalanceOptions("y", 0.5), new SmoteGenerator()));

        Assert.Equal(7, ex.Row);
    }

    [Fact]
    public void Every_built_in_method_rebalances_the_card_fraud_sample()
    {
        var table = TestData.CreditCard;
        foreach (var method in MinorityGenerators.Methods.Where(m => m != "smotenc"))
        {
            var result = Rebalancer.Rebalance(table, TestData.CreditCardSchema, new RebalanceOptions("Class", 0.4, "1", Seed: 5), MinorityGenerators.Create(method));

            Assert.Equal(method, result.Method);
            Assert.True(result.GeneratedRows > 0, method);
            Assert.All(result.Generated, p =>
            {
                // Model-based rows have no real parent; every other row starts from a real fraud.
                if (p.ParentA is { } parent)
                {
                    Assert.Equal(1L, ((Int64Column)table["Class"])[parent]);
                }
                else
                {
                    Assert.Contains(method, new[] { "copula", "cart" });
                }
            });
            Assert.All(((Int64Column)result.Combined["Class"]).Values[table.RowCount..].ToArray(), v => Assert.Equal(1L, v));
        }
    }
}
