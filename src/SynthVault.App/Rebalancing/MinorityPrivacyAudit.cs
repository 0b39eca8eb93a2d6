using SynthVault.Core.Data;
using SynthVault.Core.Randomness;
using SynthVault.Evaluation.Privacy;

namespace SynthVault.App.Rebalancing;

/// <summary>How close generated minority rows sit to the real minority rows they were made from (DESIGN §7, per class).</summary>
/// <param name="GeneratedRows">Generated rows audited.</param>
/// <param name="IdenticalRateTrain">Share of generated rows equal on every feature to a real training minority row.</param>
/// <param name="IdenticalRateHoldout">The same against the holdout minority rows (the baseline).</param>
/// <param name="NearCopyRateTrain">Share of generated rows within <paramref name="NearCopyThreshold"/> of a training minority row.</param>
/// <param name="NearCopyRateHoldout">The same against the holdout minority rows.</param>
/// <param name="NearCopyBaseline">Share of real holdout minority rows within the threshold of a training minority row: how close real, unseen rows come by nature.</param>
/// <param name="NearCopyThreshold">Gower distance under which a row counts as a near copy.</param>
/// <param name="DcrShare">P(d_train &lt; d_holdout) + ½ P(tie) over generated rows, training side subsampled to the holdout's size; 95 % bootstrap interval.</param>
/// <param name="MedianDcrTrain">Median Gower distance of a generated row to its closest training minority row.</param>
/// <param name="MedianDcrHoldout">Median Gower distance of a generated row to its closest holdout minority row.</param>
public sealed record MinorityPrivacy(
    int GeneratedRows,
    double IdenticalRateTrain,
    double IdenticalRateHoldout,
    double NearCopyRateTrain,
    double NearCopyRateHoldout,
    double NearCopyBaseline,
    double NearCopyThreshold,
    Estimate DcrShare,
    double MedianDcrTrain,
    double MedianDcrHoldout);

/// <summary>
/// The minority-class privacy check of the rebalancing benchmark, kept narrow so the evaluation area's audit can
/// take its place.
/// </summary>
public interface IMinorityPrivacyAudit
{
    /// <summary>Audits generated minority rows against real training and holdout minority rows on the given features.</summary>
    MinorityPrivacy Audit(Table generated, Table trainMinority, Table holdoutMinority, IReadOnlyList<string> features, long seed, CancellationToken cancellationToken);
}

/// <summary>
/// Gower distances (numeric |Δ| / range over the real minority rows, categorical and missing-vs-present 0/1, averaged
/// over features). The near-copy threshold is data-driven: the 5th percentile of leave-one-out nearest-neighbour
/// distances among the real training minority rows, i.e. closer to a real row than 95 % of real rows are to their
/// closest peer.
/// </summary>
internal sealed class GowerMinorityAudit : IMinorityPrivacyAudit
{
    private const int Bootstrap = 1000;

    public MinorityPrivacy Audit(Table generated, Table trainMinority, Table holdoutMinority, IReadOnlyList<string> features, long seed, CancellationToken cancellationToken)
    {
        var space = new GowerSpace(features, trainMinority, holdoutMinority);
        var gen = space.Encode(generated);
        var train = space.Encode(trainMinority);
        var holdout = space.Encode(holdoutMinority);
        var rng = new SeedStreams(seed).CreateGenerator("minority-privacy");

        var loo = new double[train.Rows];
        for (var i = 0; i < train.Rows; i++)
        {
            loo[i] = space.Nearest(train, i, train, exclude: i);
        }

        var threshold = train.Rows > 1 ? Math.Max(BinaryMetrics.Quantile(loo, 0.05), 1e-12) : 1e-12;

        // Equal sizes make 0.5 the DCR share of a generator that is as close to unseen rows as to training rows.
        var trainSubset = space.Subset(train, Math.Min(train.Rows, holdout.Rows), ref rng);
        var n = gen.Rows;
        var dTrain = new double[n];
        var dHold = new double[n];
        var dTrainSubset = new double[n];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            dTrain[i] = space.Nearest(gen, i, train);
            dHold[i] = space.Nearest(gen, i, holdout);
            dTrainSubset[i] = space.Nearest(gen, i, trainSubset);
        });

        var shareScores = new double[n];
        for (var i = 0; i < n; i++)
        {
            shareScores[i] = dTrainSubset[i] < dHold[i] ? 1 : dTrainSubset[i] == dHold[i] ? 0.5 : 0;
        }

        var share = n == 0 ? double.NaN : shareScores.Average();
        var replicates = new double[Bootstrap];
        for (var b = 0; b < Bootstrap && n > 0; b++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += shareScores[rng.NextInt(n)];
            }

            replicates[b] = sum / n;
        }

        var baseline = holdout.Rows == 0 ? double.NaN
            : Enumerable.Range(0, holdout.Rows).Count(i => space.Nearest(holdout, i, train) <= threshold) / (double)holdout.Rows;
        return new MinorityPrivacy(
            n,
            Rate(dTrain, 0),
            Rate(dHold, 0),
            Rate(dTrain, threshold),
            Rate(dHold, threshold),
            baseline,
            threshold,
            new Estimate(share, n > 0 ? BinaryMetrics.Quantile(replicates, 0.025) : double.NaN, n > 0 ? BinaryMetrics.Quantile(replicates, 0.975) : double.NaN),
            BinaryMetrics.Quantile(dTrain, 0.5),
            BinaryMetrics.Quantile(dHold, 0.5));
    }

    private static double Rate(double[] distances, double threshold) =>
        distances.Length == 0 ? double.NaN : distances.Count(d => d <= threshold) / (double)distances.Length;

    /// <summary>Rows encoded for Gower distances: numeric values (NaN = missing), categories as codes (-1 = missing).</summary>
    private sealed record Encoded(int Rows, double[] Numeric, int[] Codes);

    private sealed class GowerSpace
    {
        private readonly List<(string Name, bool Numeric)> features = [];
        private readonly Dictionary<string, double> range = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, int>> categories = new(StringComparer.Ordinal);
        private double[]? inverseRanges;

        public GowerSpace(IReadOnlyList<string> names, Table a, Table b)
        {
            foreach (var name in names)
            {
                var column = a[name];
                var numeric = column.IsNumeric && column is not BooleanColumn && column is not StringColumn;
                features.Add((name, numeric));
                if (numeric)
                {
                    var values = a[name].ToDoubles().Concat(b[name].ToDoubles()).Where(v => !double.IsNaN(v)).ToArray();
                    var r = values.Length == 0 ? 0 : values.Max() - values.Min();
                    range[name] = r > 0 ? r : 1;
                }
                else
                {
                    categories[name] = new Dictionary<string, int>(StringComparer.Ordinal);
                }
            }
        }

        private int NumericCount => features.Count(f => f.Numeric);

        // 1 / range per numeric feature, in feature order: |Δ| is taken before scaling so equal gaps give equal distances.
        private double[] InverseRanges => [.. features.Where(f => f.Numeric).Select(f => 1.0 / range[f.Name])];

        private int CategoricalCount => features.Count - NumericCount;

        public Encoded Encode(Table table)
        {
            var n = table.RowCount;
            var dn = NumericCount;
            var dc = CategoricalCount;
            var numeric = new double[n * dn];
            var codes = new int[n * dc];
            int jn = 0, jc = 0;
            foreach (var (name, isNumeric) in features)
            {
                var column = table[name];
                if (isNumeric)
                {
                    var values = column.ToDoubles();
                    for (var i = 0; i < n; i++)
                    {
                        numeric[(i * dn) + jn] = values[i];
                    }

                    jn++;
                }
                else
                {
                    var map = categories[name];
                    for (var i = 0; i < n; i++)
                    {
                        var value = Synthesis.Rebalancing.LabelValues.Format(column, i);
                        int code;
                        if (value is null)
                        {
                            code = -1;
                        }
                        else if (!map.TryGetValue(value, out code))
                        {
                            code = map.Count;
                            map.Add(value, code);
                        }

                        codes[(i * dc) + jc] = code;
                    }

                    jc++;
                }
            }

            return new Encoded(n, numeric, codes);
        }

        public Encoded Subset(Encoded source, int count, ref Xoshiro256 rng)
        {
            // A partial Fisher–Yates shuffle picks count distinct rows.
            var rows = Enumerable.Range(0, source.Rows).ToArray();
            for (var i = 0; i < count; i++)
            {
                var j = i + rng.NextInt(rows.Length - i);
                (rows[i], rows[j]) = (rows[j], rows[i]);
            }

            var dn = NumericCount;
            var dc = CategoricalCount;
            var numeric = new double[count * dn];
            var codes = new int[count * dc];
            for (var i = 0; i < count; i++)
            {
                Array.Copy(source.Numeric, rows[i] * dn, numeric, i * dn, dn);
                Array.Copy(source.Codes, rows[i] * dc, codes, i * dc, dc);
            }

            return new Encoded(count, numeric, codes);
        }

        /// <summary>The Gower distance from row <paramref name="row"/> of <paramref name="from"/> to its closest row in <paramref name="to"/>.</summary>
        public double Nearest(Encoded from, int row, Encoded to, int exclude = -1)
        {
            var dn = NumericCount;
            var dc = CategoricalCount;
            var d = features.Count;
            var inverse = inverseRanges ??= InverseRanges;
            var best = double.PositiveInfinity;
            var a = from.Numeric.AsSpan(row * dn, dn);
            var ac = from.Codes.AsSpan(row * dc, dc);
            for (var t = 0; t < to.Rows; t++)
            {
                if (t == exclude)
                {
                    continue;
                }

                var b = to.Numeric.AsSpan(t * dn, dn);
                double sum = 0;
                for (var j = 0; j < dn; j++)
                {
                    var (x, y) = (a[j], b[j]);
                    sum += double.IsNaN(x) || double.IsNaN(y) ? (double.IsNaN(x) && double.IsNaN(y) ? 0 : 1) : Math.Min(1, Math.Abs(x - y) * inverse[j]);
                }

                var bc = to.Codes.AsSpan(t * dc, dc);
                for (var j = 0; j < dc; j++)
                {
                    sum += ac[j] == bc[j] ? 0 : 1;
                }

                var distance = d == 0 ? 0 : sum / d;
                best = Math.Min(best, distance);
            }

            return best;
        }
    }
}
