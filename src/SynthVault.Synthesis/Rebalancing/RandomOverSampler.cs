using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Rebalancing;

/// <summary>
/// Random over-sampling as imbalanced-learn 0.12's <c>RandomOverSampler</c>: each new row copies a minority row
/// drawn uniformly with replacement. With a shrinkage factor it is the smoothed bootstrap (ROSE-style): each numeric
/// feature j gets noise shrinkage · h · σⱼ · N(0, 1), where σⱼ is the feature's standard deviation within the class
/// (ddof = 0) and h = (4 / ((d + 2)·n))^(1 / (d + 4)) with d features and n rows in all.
/// imbalanced-learn refuses smoothing when any feature is categorical; SynthVault smooths the numeric features only
/// (d counts them) and copies the categories of the drawn row.
/// </summary>
public sealed class RandomOverSampler : IMinorityGenerator
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="shrinkage">Null for plain copies; ≥ 0 for the smoothed bootstrap.</param>
    public RandomOverSampler(double? shrinkage = null)
    {
        if (shrinkage is { } s && (s < 0 || double.IsNaN(s) || double.IsInfinity(s)))
        {
            throw new SynthVaultException($"The shrinkage factor must be a number ≥ 0; got {s}.", hint: "Use --shrinkage 0.5, for example, or leave it out for plain copies.");
        }

        Shrinkage = shrinkage;
    }

    public double? Shrinkage { get; }

    public string Method => "random";

    /// <summary>The smoothing constant h of the smoothed bootstrap for <paramref name="features"/> features and <paramref name="rows"/> rows.</summary>
    public static double SmoothingConstant(int features, int rows) =>
        Math.Pow(4.0 / ((features + 2.0) * rows), 1.0 / (features + 4.0));

    public MinorityGeneration Generate(Table data, TableSchema schema, string label, string positiveValue, int count, long seed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var space = FeatureSpace.Build(data, schema, label, positiveValue);
        var minority = space.PositiveRows;
        var d = space.NumericCount;
        var dc = space.CategoricalCount;
        var scale = new double[d];
        if (Shrinkage is { } shrinkage && d > 0)
        {
            var h = SmoothingConstant(d, space.RowCount);
            for (var j = 0; j < d; j++)
            {
                scale[j] = shrinkage * h * StandardDeviation(space.Raw[j], minority);
            }
        }

        var numeric = new double[count * d];
        var codes = new int[count * dc];
        var provenance = new OversampleProvenance[count];
        var streams = new SeedStreams(seed);
        var chunks = (count + PairSampler.ChunkSize - 1) / PairSampler.ChunkSize;
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
        {
            var rng = streams.CreateGenerator(Method, chunk);
            var end = Math.Min(count, (chunk + 1) * PairSampler.ChunkSize);
            for (var r = chunk * PairSampler.ChunkSize; r < end; r++)
            {
                var parent = minority[rng.NextInt(minority.Length)];
                for (var j = 0; j < d; j++)
                {
                    var v = space.Raw[j][parent];
                    numeric[(r * d) + j] = Shrinkage is null || double.IsNaN(v) ? v : v + (scale[j] * rng.NextGaussian());
                }

                for (var j = 0; j < dc; j++)
                {
                    codes[(r * dc) + j] = space.Codes[j][parent];
                }

                provenance[r] = new OversampleProvenance(Method, parent, null, null);
            }
        });

        return new MinorityGeneration(space.BuildRows(count, numeric, codes), provenance);
    }

    private static double StandardDeviation(double[] values, int[] rows)
    {
        double sum = 0;
        var n = 0;
        foreach (var r in rows)
        {
            if (!double.IsNaN(values[r]))
            {
                sum += values[r];
                n++;
            }
        }

        if (n == 0)
        {
            return 0;
        }

        var mean = sum / n;
        double sq = 0;
        foreach (var r in rows)
        {
            if (!double.IsNaN(values[r]))
            {
                sq += (values[r] - mean) * (values[r] - mean);
            }
        }

        return Math.Sqrt(sq / n);
    }
}
