using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Neighbors;

namespace SynthVault.Evaluation.Privacy;

/// <summary>Settings of <see cref="MinorityCopyAudit"/>.</summary>
/// <param name="Seed">Seed of the equal-size subsample and the bootstrap.</param>
/// <param name="BootstrapResamples">Resamples of the DCR share's interval.</param>
/// <param name="NearCopyEpsilon">The near-copy radius; null = the <paramref name="NearCopyQuantile"/> quantile of the
/// positive distances from holdout rows to their nearest training row.</param>
/// <param name="NearCopyQuantile">Quantile of the real holdout-to-train distances that sets the radius (default 1 %).</param>
/// <param name="MaxDegreeOfParallelism">Threads for the neighbour searches; −1 = all cores.</param>
public sealed record MinorityCopyOptions(
    long Seed = 20240601,
    int BootstrapResamples = 1_000,
    double? NearCopyEpsilon = null,
    double NearCopyQuantile = 0.01,
    int MaxDegreeOfParallelism = -1);

/// <summary>How close rows generated for a minority class sit to the real minority rows.</summary>
/// <param name="GeneratedRows">Generated rows audited.</param>
/// <param name="TrainRows">Real minority training rows.</param>
/// <param name="HoldoutRows">Real minority holdout rows.</param>
/// <param name="DcrShare">P(d_train &lt; d_holdout) + ½ P(tie) on equal-size train and holdout samples, with a 95 %
/// cluster-bootstrap interval (<see cref="PrivacyStatistics.DcrShareInterval"/>); about 0.5 when the generator copies nothing.</param>
/// <param name="IdenticalCopyRate">Share of generated rows equal to some real training row on every compared column.</param>
/// <param name="IdenticalCopyRateHoldout">The same against the holdout rows: the rate chance alone produces.</param>
/// <param name="NearCopyEpsilon">The near-copy radius used.</param>
/// <param name="NearCopyRate">Share of generated rows within the radius of some training row (identical copies included).</param>
/// <param name="NearCopyRateHoldout">The same against the holdout rows, for comparison.</param>
public sealed record MinorityCopyReport(
    int GeneratedRows,
    int TrainRows,
    int HoldoutRows,
    Estimate DcrShare,
    double IdenticalCopyRate,
    double IdenticalCopyRateHoldout,
    double NearCopyEpsilon,
    double NearCopyRate,
    double NearCopyRateHoldout);

/// <summary>
/// The copy check the rebalancer runs on the rows it generates for a rare class: are they copies, or near copies,
/// of the few real rows of that class? Compares against the real minority training rows and, as a baseline, the
/// minority holdout rows the generator never saw.
/// </summary>
/// <remarks>
/// <para>Distances use a <see cref="GowerSpace"/> fitted on the real minority training rows (same column rules as
/// <see cref="PrivacyEvaluator"/>).</para>
/// <para>The copy rates compare against ALL training rows (a copy of any of them counts), and the baseline against
/// all holdout rows. The DCR share compares equal-size seeded samples, for the reason given in
/// <see cref="PrivacyEvaluator"/>.</para>
/// <para>Near copy: a generated row whose distance to the nearest training row is at most ε, where by default ε is
/// the 1st percentile of the positive distances from the real holdout rows to their nearest training row — real
/// rows the generator never saw fall that close to the training data only 1 % of the time, so a generated row that
/// close is suspiciously close. Distance 0 is left out of the percentile because real data often holds duplicated
/// records (the card-fraud sample does): they would pull ε to 0 and make "near" mean "identical", and identical
/// rows are counted by the identical-copy rates already. Identical copies are near copies too (0 ≤ ε).</para>
/// </remarks>
public static class MinorityCopyAudit
{
    /// <summary>Audits rows generated for a class against that class's real training and holdout rows.</summary>
    /// <exception cref="SynthVaultException">A set has fewer than 2 rows, or a compared column is missing.</exception>
    public static MinorityCopyReport Evaluate(
        Table generated,
        Table minorityTrain,
        Table minorityHoldout,
        TableSchema schema,
        MinorityCopyOptions? options = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(minorityTrain);
        ArgumentNullException.ThrowIfNull(minorityHoldout);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new MinorityCopyOptions();
        foreach (var (table, what) in new[] { (generated, "generated"), (minorityTrain, "minority training"), (minorityHoldout, "minority holdout") })
        {
            if (table.RowCount < 2)
            {
                throw new SynthVaultException(
                    string.Create(CultureInfo.InvariantCulture, $"The {what} table has {table.RowCount} row(s); the copy audit needs at least 2."),
                    hint: "Hold out more rows of the class, or generate more.");
            }
        }

        var space = GowerSpace.Fit(minorityTrain, schema);
        var g = space.Encode(generated);
        var t = space.Encode(minorityTrain);
        var h = space.Encode(minorityHoldout);
        var seeds = new SeedStreams(options.Seed);
        var nn = new NearestNeighborOptions(options.MaxDegreeOfParallelism);

        var toTrain = MixedNearestNeighbors.Search(g, t, 1, nn, ct);
        var toHoldout = MixedNearestNeighbors.Search(g, h, 1, nn, ct);
        var epsilon = options.NearCopyEpsilon ?? DefaultEpsilon(MixedNearestNeighbors.Search(h, t, 1, nn, ct).Distances, options.NearCopyQuantile);

        int nearTrain = 0, nearHoldout = 0;
        for (var i = 0; i < g.Rows; i++)
        {
            nearTrain += toTrain.Distance(i) <= epsilon ? 1 : 0;
            nearHoldout += toHoldout.Distance(i) <= epsilon ? 1 : 0;
        }

        // DCR share on equal-size samples, as in the full audit.
        var n = Math.Min(t.Rows, h.Rows);
        var ts = PrivacyEvaluator.Sample(t, n, seeds.DeriveSeed("train-sample"));
        var hs = PrivacyEvaluator.Sample(h, n, seeds.DeriveSeed("holdout-sample"));
        var dt = MixedNearestNeighbors.Search(g, ts, 1, nn, ct);
        var dh = MixedNearestNeighbors.Search(g, hs, 1, nn, ct);
        var scores = new double[g.Rows];
        for (var i = 0; i < g.Rows; i++)
        {
            scores[i] = dt.Distance(i) < dh.Distance(i) ? 1.0 : dt.Distance(i) == dh.Distance(i) ? 0.5 : 0.0;
        }

        return new MinorityCopyReport(
            GeneratedRows: g.Rows,
            TrainRows: t.Rows,
            HoldoutRows: h.Rows,
            DcrShare: PrivacyStatistics.DcrShareInterval(
                PrivacyEvaluator.Winners(dt), PrivacyEvaluator.Winners(dh), scores, ts.Rows, hs.Rows, options.BootstrapResamples, seeds.DeriveSeed("dcr-bootstrap")),
            IdenticalCopyRate: new RowMatcher(t).Share(g),
            IdenticalCopyRateHoldout: new RowMatcher(h).Share(g),
            NearCopyEpsilon: epsilon,
            NearCopyRate: (double)nearTrain / g.Rows,
            NearCopyRateHoldout: (double)nearHoldout / g.Rows);
    }

    /// <summary>The quantile of the positive holdout-to-train distances; 0 when every holdout row duplicates a training row.</summary>
    private static double DefaultEpsilon(double[] holdoutToTrain, double quantile)
    {
        var positive = holdoutToTrain.Where(d => d > 0).ToArray();
        return positive.Length == 0 ? 0 : PrivacyStatistics.Quantile(positive, quantile);
    }
}
