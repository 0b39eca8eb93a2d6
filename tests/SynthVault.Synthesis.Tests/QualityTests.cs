using SynthVault.Core.Data;
using SynthVault.Testing;
using Xunit.Abstractions;

namespace SynthVault.Synthesis.Tests;

/// <summary>
/// The quality bars on Adult: fit on a fixed random half (15,081 rows), sample as many rows, judge
/// against the other half with <see cref="QualityProbe"/> (LightGBM single-threaded with fixed seeds, so the
/// numbers are reproducible). Bars: quality ≥ 0.95 (copula) / 0.96 (CART); TSTR ≥ 0.90× (copula) / 0.97×
/// (CART) TRTR ROC-AUC for income; discriminator ROC-AUC ≤ 0.90 (copula) / 0.75 (CART); no more synthetic
/// rows identical to a training row than to a holdout row. Independent marginals would score about 0.96 quality
/// but 0.53 TSTR, so the TSTR and discriminator bars are what test the learned dependence.
/// </summary>
public sealed class QualityTests(ITestOutputHelper output)
{
    private static readonly Lazy<double> Trtr = new(() => QualityProbe.Utility(AdultSplit.Train, AdultSplit.Holdout, AdultSplit.Train, TestData.AdultSchema, "income", ">50K", 3).Trtr);

    [Theory]
    [InlineData("copula", 0.95, 0.90, 0.90)]
    [InlineData("cart", 0.96, 0.97, 0.75)]
    public void Adult_meets_the_quality_utility_detection_and_copying_bars(string method, double minQuality, double minTstrRatio, double maxDiscriminator)
    {
        var model = Synthesizers.Create(method, 7).Fit(AdultSplit.Train, TestData.AdultSchema);
        var synthetic = model.Sample(AdultSplit.Holdout.RowCount, null, 11);

        var quality = QualityProbe.QualityScore(AdultSplit.Holdout, synthetic, TestData.AdultSchema);
        var (_, tstr) = QualityProbe.Utility(AdultSplit.Train, AdultSplit.Holdout, synthetic, TestData.AdultSchema, "income", ">50K", 3);
        var discriminator = QualityProbe.DiscriminatorAuc(AdultSplit.Train, synthetic, TestData.AdultSchema, 5);
        var (identicalTrain, identicalHoldout) = QualityProbe.IdenticalShares(synthetic, AdultSplit.Train, AdultSplit.Holdout);
        output.WriteLine($"{method}: quality {quality:F4}, TRTR {Trtr.Value:F4}, TSTR {tstr:F4} (ratio {tstr / Trtr.Value:F4}), discriminator {discriminator:F4}, identical to train {identicalTrain:P3}, to holdout {identicalHoldout:P3}");

        Assert.True(quality >= minQuality, $"quality {quality:F4}");
        Assert.True(tstr / Trtr.Value >= minTstrRatio, $"TSTR {tstr:F4} / TRTR {Trtr.Value:F4}");
        Assert.True(discriminator <= maxDiscriminator, $"discriminator {discriminator:F4}");
        Assert.True(identicalTrain <= identicalHoldout, $"identical to train {identicalTrain:P3} > to holdout {identicalHoldout:P3}");
    }

    [Fact]
    public void The_probe_scores_real_against_real_as_indistinguishable()
    {
        // Sanity of the judge itself: the holdout scores near-perfect shapes against the training half, and a
        // discriminator cannot tell two random halves of the same data apart (AUC near 0.5, within sampling noise).
        var quality = QualityProbe.QualityScore(AdultSplit.Train, AdultSplit.Holdout, TestData.AdultSchema);
        var discriminator = QualityProbe.DiscriminatorAuc(AdultSplit.Train.Head(5000), AdultSplit.Holdout.Head(5000), TestData.AdultSchema, 5);
        var independent = Independent(AdultSplit.Train);
        var (_, tstr) = QualityProbe.Utility(AdultSplit.Train, AdultSplit.Holdout, independent, TestData.AdultSchema, "income", ">50K", 3);

        Assert.True(quality > 0.98, $"quality {quality:F4}");
        Assert.InRange(discriminator, 0.45, 0.56);
        Assert.True(tstr < 0.65, $"independent columns should have no utility, TSTR {tstr:F4}");
    }

    /// <summary>Each column shuffled on its own: true marginals, no dependence.</summary>
    private static Table Independent(Table table)
    {
        var rng = new Core.Randomness.Xoshiro256(17);
        return new Table(table.Columns.Select(c =>
        {
            var perm = Enumerable.Range(0, c.Length).ToArray();
            for (var i = perm.Length - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (perm[i], perm[j]) = (perm[j], perm[i]);
            }

            return c.Take(perm);
        }));
    }
}
