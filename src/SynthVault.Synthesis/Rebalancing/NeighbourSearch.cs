using System.Numerics;

namespace SynthVault.Synthesis.Rebalancing;

/// <summary>
/// Exact k-nearest-neighbour search by brute force: every query against every candidate, SIMD squared Euclidean
/// distances, queries in parallel. The minority class is small, so queries × candidates stays cheap even against a
/// large majority. Results do not depend on the thread count: each query is independent and ties are broken by
/// the lower row index.
/// </summary>
internal static class NeighbourSearch
{
    /// <summary>
    /// For each query row, the <paramref name="k"/> nearest candidate rows other than the query row itself, nearest
    /// first (row-major: queries.Length × k). Distance² = Σ numeric Δ² + penalty² × (number of categorical features
    /// that differ), the SMOTE-NC metric; with no categorical features it is plain squared Euclidean.
    /// </summary>
    /// <remarks>
    /// imbalanced-learn asks for k + 1 neighbours and drops the first, which is the query itself unless an exact
    /// duplicate ties with it; excluding the query by index gives the same set (a duplicate then counts as a neighbour
    /// at distance 0, as it does there).
    /// </remarks>
    public static int[] Nearest(FeatureSpace space, int[] queries, int[] candidates, int k, double categoricalPenalty, CancellationToken cancellationToken)
    {
        var d = space.NumericCount;
        var dc = categoricalPenalty > 0 ? space.CategoricalCount : 0;
        var m = candidates.Length;
        var packed = new double[m * d];
        var packedCodes = new int[m * dc];
        for (var c = 0; c < m; c++)
        {
            space.Vector(candidates[c], packed.AsSpan(c * d, d));
            for (var j = 0; j < dc; j++)
            {
                packedCodes[(c * dc) + j] = space.Codes[j][candidates[c]];
            }
        }

        var penalty2 = categoricalPenalty * categoricalPenalty;
        var result = new int[queries.Length * k];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, queries.Length, options, () => (new double[k], new int[k], new int[dc], new double[d]), (qi, _, buffers) =>
        {
            var (bestDist, bestRow, queryCodes, qv) = buffers;
            var query = queries[qi];
            space.Vector(query, qv);
            for (var j = 0; j < dc; j++)
            {
                queryCodes[j] = space.Codes[j][query];
            }

            Array.Fill(bestDist, double.PositiveInfinity);
            Array.Fill(bestRow, int.MaxValue);
            var worst = double.PositiveInfinity;
            for (var c = 0; c < m; c++)
            {
                var row = candidates[c];
                if (row == query)
                {
                    continue;
                }

                var dist = SquaredDistance(qv, packed.AsSpan(c * d, d));
                if (dc > 0)
                {
                    var mismatches = 0;
                    var codes = packedCodes.AsSpan(c * dc, dc);
                    for (var j = 0; j < dc; j++)
                    {
                        mismatches += codes[j] != queryCodes[j] ? 1 : 0;
                    }

                    dist += penalty2 * mismatches;
                }

                if (dist > worst || (dist == worst && row > bestRow[k - 1]))
                {
                    continue;
                }

                // Insertion into the sorted top-k (k is small).
                var at = k - 1;
                while (at > 0 && (bestDist[at - 1] > dist || (bestDist[at - 1] == dist && bestRow[at - 1] > row)))
                {
                    bestDist[at] = bestDist[at - 1];
                    bestRow[at] = bestRow[at - 1];
                    at--;
                }

                bestDist[at] = dist;
                bestRow[at] = row;
                worst = bestDist[k - 1];
            }

            Array.Copy(bestRow, 0, result, qi * k, k);
            return buffers;
        }, _ => { });
        return result;
    }

    /// <summary>Σ (a − b)² with SIMD lanes; the summation order is fixed, so results are reproducible.</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var diff = new Vector<double>(a[i..]) - new Vector<double>(b[i..]);
                acc += diff * diff;
            }

            sum = Vector.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            var diff = a[i] - b[i];
            sum += diff * diff;
        }

        return sum;
    }
}
