using SynthVault.Core.Randomness;

namespace SynthVault.Synthesis.Rebalancing;

/// <summary>
/// The generation step shared by the SMOTE family (imbalanced-learn's <c>BaseSMOTE._make_samples</c>): draw a
/// (seed row, neighbour) pair uniformly among all seeds × k neighbours, draw a step u ~ U[0, 1), and place the new
/// row at seed + u·(neighbour − seed). Rows are made in fixed chunks, each with its own named random stream, so
/// the output does not depend on how many threads run.
/// </summary>
internal static class PairSampler
{
    public const int ChunkSize = 1024;

    /// <summary>How a new row's categorical features are chosen (SMOTE-NC) from the seed's neighbours.</summary>
    public delegate void CategoricalRule(int seedIndex, ref Xoshiro256 rng, Span<int> codes);

    /// <summary>Draws <paramref name="count"/> rows from the pairs (seedRows[i], neighbours[i·k + c]).</summary>
    /// <param name="space">Features of the data.</param>
    /// <param name="method">Method name: provenance and the name of the random stream.</param>
    /// <param name="seedRows">Rows new samples start from.</param>
    /// <param name="neighbours">Row-major seedRows.Length × k neighbour rows.</param>
    /// <param name="k">Neighbours per seed.</param>
    /// <param name="count">Rows to make.</param>
    /// <param name="seed">Root seed.</param>
    /// <param name="shrinkTowardsOtherClass">
    /// Borderline-SMOTE-2 (imbalanced-learn ≥ 0.12): when the neighbour is not of the positive class, the step is
    /// multiplied by a further v ~ U[0, 0.5), so the new row stays nearer the minority seed.
    /// </param>
    /// <param name="categorical">Fills the categorical codes of a new row; null when there are no categorical features.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static MinorityGeneration Sample(
        FeatureSpace space, string method, int[] seedRows, int[] neighbours, int k, int count, long seed,
        bool shrinkTowardsOtherClass, CategoricalRule? categorical, CancellationToken cancellationToken)
    {
        var d = space.NumericCount;
        var dc = space.CategoricalCount;
        var numeric = new double[count * d];
        var codes = new int[count * dc];
        var provenance = new OversampleProvenance[count];
        var streams = new SeedStreams(seed);
        var chunks = (count + ChunkSize - 1) / ChunkSize;
        var pairs = seedRows.Length * k;
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
        {
            var rng = streams.CreateGenerator(method, chunk);
            var end = Math.Min(count, (chunk + 1) * ChunkSize);
            for (var r = chunk * ChunkSize; r < end; r++)
            {
                var pick = rng.NextInt(pairs);
                var i = pick / k;
                var a = seedRows[i];
                var b = neighbours[pick];
                var gap = rng.NextDouble();
                if (shrinkTowardsOtherClass && !space.IsPositive[b])
                {
                    gap *= 0.5 * rng.NextDouble();
                }

                Interpolate(space, a, b, gap, numeric.AsSpan(r * d, d));
                categorical?.Invoke(i, ref rng, codes.AsSpan(r * dc, dc));
                provenance[r] = new OversampleProvenance(method, a, b, gap);
            }
        });

        return new MinorityGeneration(space.BuildRows(count, numeric, codes), provenance);
    }

    /// <summary>
    /// new = a + gap·(b − a) per numeric feature. A missing value stays missing when the seed lacks it, and takes the
    /// seed's value when only the neighbour lacks it (imbalanced-learn refuses missing values; this is SynthVault's rule).
    /// </summary>
    public static void Interpolate(FeatureSpace space, int a, int b, double gap, Span<double> target)
    {
        for (var j = 0; j < target.Length; j++)
        {
            var column = space.Raw[j];
            var va = column[a];
            var vb = column[b];
            target[j] = double.IsNaN(va) ? double.NaN : double.IsNaN(vb) ? va : va + (gap * (vb - va));
        }
    }
}
