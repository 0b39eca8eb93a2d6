using SynthVault.Core.Data;
using SynthVault.Evaluation.Fidelity;

namespace SynthVault.Synthesis.Tests;

/// <summary>
/// Both synthesizers on a generated mixed table (4,000 training rows, 8,000 sampled, fixed seeds). Tolerances:
/// the standard error of a mean difference is about 0.02 sd and of a share about 0.009 at these sizes, so
/// bounds of 0.1 sd and 0.03 are over 3 standard errors while still catching a lost marginal (e.g. a uniform or
/// shifted column misses them by far). Correlation: real ρ = 0.7; the estimate's standard error is below 0.01,
/// so 0.05 (copula) and 0.08 (CART, whose piecewise-constant trees attenuate a linear trend slightly) catch a
/// lost dependence (ρ ≈ 0) at once. KS statistics and correlations come from SynthVault.Evaluation's
/// <see cref="FidelityEvaluator"/> (SDMetrics' KSComplement = 1 − KS, and Pearson's r of each pair).
/// </summary>
public sealed class FidelityTests
{
    private static readonly Lazy<(Table Table, Core.Schema.TableSchema Schema)> Data = new(() => TestTables.Mixed(4000, 42));

    private static readonly Dictionary<string, Lazy<Table>> Samples = new()
    {
        ["copula"] = new(() => Synthesizers.Create("copula", 1).Fit(Data.Value.Table, Data.Value.Schema).Sample(8000, null, 2)),
        ["cart"] = new(() => Synthesizers.Create("cart", 1).Fit(Data.Value.Table, Data.Value.Schema).Sample(8000, null, 2)),
    };

    private static readonly Dictionary<string, Lazy<FidelityResult>> Scores = new()
    {
        ["copula"] = new(() => FidelityEvaluator.Evaluate(Data.Value.Table, Samples["copula"].Value, Data.Value.Schema)),
        ["cart"] = new(() => FidelityEvaluator.Evaluate(Data.Value.Table, Samples["cart"].Value, Data.Value.Schema)),
    };

    public static TheoryData<string> Methods => ["copula", "cart"];

    [Theory]
    [MemberData(nameof(Methods))]
    public void Numeric_marginals_keep_their_mean_and_spread(string method)
    {
        var real = Data.Value.Table;
        var synthetic = Samples[method].Value;
        foreach (var name in new[] { "x", "y", "amount", "count", "score" })
        {
            var r = real[name].ToDoubles();
            var s = synthetic[name].ToDoubles();
            var sd = TestTables.Sd(r);
            Assert.True(Math.Abs(TestTables.Mean(r) - TestTables.Mean(s)) < 0.1 * sd, $"{name}: mean {TestTables.Mean(r):F3} vs {TestTables.Mean(s):F3}");
            Assert.InRange(TestTables.Sd(s) / sd, 0.9, 1.1);
            var ks = 1 - Scores[method].Value.ColumnShapes.Single(c => c.Column == name).Score;
            Assert.True(ks < 0.05, $"{name}: KS {ks:F3} too large");
        }
    }

    [Theory]
    [InlineData("copula", 0.05)]
    [InlineData("cart", 0.08)]
    public void The_correlation_between_two_numbers_is_kept(string method, double tolerance)
    {
        var pair = Scores[method].Value.PairTrends.Single(p => p.Column1 == "x" && p.Column2 == "y");
        var (rReal, rSyn) = (pair.RealCorrelation, pair.SyntheticCorrelation);
        Assert.Equal("CorrelationSimilarity", pair.Metric);
        Assert.InRange(rReal, 0.65, 0.75);
        Assert.True(Math.Abs(rReal - rSyn) < tolerance, $"real ρ {rReal:F3}, synthetic ρ {rSyn:F3}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Category_and_boolean_frequencies_and_null_rates_are_kept(string method)
    {
        var real = Data.Value.Table;
        var synthetic = Samples[method].Value;
        foreach (var colour in new[] { "red", "green", "blue" })
        {
            Assert.True(Math.Abs(TestTables.Share(real["colour"], colour) - TestTables.Share(synthetic["colour"], colour)) < 0.03, colour);
        }

        Assert.True(Math.Abs(TestTables.Share(real["flag"], true) - TestTables.Share(synthetic["flag"], true)) < 0.03);
        Assert.True(Math.Abs(TestTables.NullShare(real["score"]) - TestTables.NullShare(synthetic["score"])) < 0.03);
        Assert.Equal(0, synthetic["x"].NullCount);
        Assert.Equal(["blue", "green", "red"], ((StringColumn)synthetic["colour"]).Dictionary.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_boolean_keeps_its_dependence_on_a_number(string method)
    {
        // Real: P(flag | x > 50) = 0.45, P(flag | x ≤ 50) = 0.15; a model that lost the link gives equal shares.
        var synthetic = Samples[method].Value;
        var x = synthetic["x"].ToDoubles();
        var flag = (BooleanColumn)synthetic["flag"];
        double high = 0, highTrue = 0, low = 0, lowTrue = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] > 50)
            {
                high++;
                highTrue += flag[i] ? 1 : 0;
            }
            else
            {
                low++;
                lowTrue += flag[i] ? 1 : 0;
            }
        }

        Assert.True((highTrue / high) - (lowTrue / low) > 0.15, $"{highTrue / high:F3} vs {lowTrue / low:F3}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Output_keeps_the_storage_types_rounding_and_observed_bounds(string method)
    {
        var real = Data.Value.Table;
        var synthetic = Samples[method].Value;
        Assert.Equal(real.ColumnNames, synthetic.ColumnNames);
        foreach (var c in real.Columns)
        {
            Assert.Equal(c.DataType, synthetic[c.Name].DataType);
        }

        var count = (Int64Column)synthetic["count"];
        var realCount = ((Int64Column)real["count"]).Values.ToArray();
        Assert.All(count.Values.ToArray(), v => Assert.InRange(v, realCount.Min(), realCount.Max()));

        var day = (DateTimeColumn)synthetic["day"];
        var realDay = ((DateTimeColumn)real["day"]).Ticks.ToArray();
        Assert.All(day.Ticks.ToArray(), t =>
        {
            Assert.Equal(0, t % TimeSpan.TicksPerDay);
            Assert.InRange(t, realDay.Min(), realDay.Max());
        });

        var price = (DecimalColumn)synthetic["price"];
        var realPrice = ((DecimalColumn)real["price"]).Values.ToArray();
        Assert.Equal(2, price.Scale);
        Assert.All(price.Values.ToArray(), p =>
        {
            Assert.Equal(p, Math.Round(p, 2));
            Assert.InRange(p, realPrice.Min(), realPrice.Max());
        });

        var x = synthetic["x"].ToDoubles();
        var realX = real["x"].ToDoubles();
        Assert.All(x, v => Assert.InRange(v, realX.Min(), realX.Max()));
        Assert.DoesNotContain(x, double.IsNaN);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Dates_round_trip_as_dates_with_their_spread(string method)
    {
        var real = Data.Value.Table["day"].ToDoubles();
        var synthetic = Samples[method].Value["day"].ToDoubles();
        Assert.True(Math.Abs(TestTables.Mean(real) - TestTables.Mean(synthetic)) < 0.1 * TestTables.Sd(real));
        Assert.InRange(TestTables.Sd(synthetic) / TestTables.Sd(real), 0.9, 1.1);
    }
}
