using SynthVault.Core.Data;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Rebalancing;

/// <summary>
/// SMOTE-NC (Chawla et al. 2002, §6.1) exactly as imbalanced-learn 0.12 defines it:
/// <list type="bullet">
/// <item>Med = the median, over the continuous features, of their standard deviation (population, ddof = 0) within
/// the class being over-sampled (0.12 computes it per up-sampled class; before 0.12 on the smallest class).</item>
/// <item>Distance: the continuous features raw, plus each categorical feature one-hot encoded with entries
/// Med/√2 (0.12; earlier versions used Med/2). Two rows differing in one categorical feature therefore add
/// exactly Med² to the squared distance: the paper's penalty.</item>
/// <item>Neighbours: k within the minority class; continuous features interpolated as in SMOTE.</item>
/// <item>Categorical value of the new row: the most frequent one among the k neighbours of the seed row (the seed
/// itself does not vote), ties broken uniformly at random.</item>
/// </list>
/// A missing category is a category of its own (as scikit-learn's OneHotEncoder treats None/NaN).
/// </summary>
public sealed class SmoteNcGenerator : IMinorityGenerator
{
    /// <summary>Creates the generator.</summary>
    /// <param name="kNeighbors">Neighbours per minority row (imbalanced-learn's default 5).</param>
    public SmoteNcGenerator(int kNeighbors = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kNeighbors, 1);
        KNeighbors = kNeighbors;
    }

    public int KNeighbors { get; }

    public string Method => "smotenc";

    /// <summary>SMOTE-NC's Med: the median over continuous features of their standard deviation within the positive class.</summary>
    public static double MedianStandardDeviation(Table data, TableSchema schema, string label, string positiveValue)
    {
        var space = FeatureSpace.Build(data, schema, label, positiveValue);
        return MedianStd(space);
    }

    public MinorityGeneration Generate(Table data, TableSchema schema, string label, string positiveValue, int count, long seed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var space = FeatureSpace.Build(data, schema, label, positiveValue);
        if (space.CategoricalCount == 0)
        {
            throw new Core.Errors.SynthVaultException(
                "SMOTE-NC is for mixed data, but no feature is categorical.", hint: "Use --method smote for all-numeric data.");
        }

        if (space.NumericCount == 0)
        {
            throw new Core.Errors.SynthVaultException(
                "SMOTE-NC needs at least one numeric feature; every feature is categorical.", hint: "Use --method random (or a model-based method).");
        }

        var minority = space.PositiveRows;
        space.RequireRows(minority.Length, KNeighbors, "SMOTE-NC", $"rows of class '{positiveValue}'");
        var med = MedianStd(space);
        var neighbours = NeighbourSearch.Nearest(space, minority, minority, KNeighbors, med, cancellationToken);
        var k = KNeighbors;
        var maxCodes = space.CodeCounts.Max();

        void Vote(int seedIndex, ref Xoshiro256 rng, Span<int> codes)
        {
            Span<int> counts = maxCodes <= 256 ? stackalloc int[maxCodes] : new int[maxCodes];
            Span<int> tied = maxCodes <= 256 ? stackalloc int[maxCodes] : new int[maxCodes];
            for (var j = 0; j < codes.Length; j++)
            {
                var column = space.Codes[j];
                var width = space.CodeCounts[j];
                counts[..width].Clear();
                var best = 0;
                for (var c = 0; c < k; c++)
                {
                    var n = ++counts[column[neighbours[(seedIndex * k) + c]]];
                    best = Math.Max(best, n);
                }

                var ties = 0;
                for (var code = 0; code < width; code++)
                {
                    if (counts[code] == best)
                    {
                        tied[ties++] = code;
                    }
                }

                codes[j] = ties == 1 ? tied[0] : tied[rng.NextInt(ties)];
            }
        }

        return PairSampler.Sample(space, Method, minority, neighbours, k, count, seed, shrinkTowardsOtherClass: false, Vote, cancellationToken);
    }

    private static double MedianStd(FeatureSpace space)
    {
        var stds = new double[space.NumericCount];
        for (var j = 0; j < stds.Length; j++)
        {
            double sum = 0, sumSq = 0;
            var n = 0;
            foreach (var row in space.PositiveRows)
            {
                var v = space.Raw[j][row];
                if (!double.IsNaN(v))
                {
                    sum += v;
                    n++;
                }
            }

            var mean = n > 0 ? sum / n : 0;
            foreach (var row in space.PositiveRows)
            {
                var v = space.Raw[j][row];
                if (!double.IsNaN(v))
                {
                    sumSq += (v - mean) * (v - mean);
                }
            }

            stds[j] = n > 0 ? Math.Sqrt(sumSq / n) : 0;
        }

        Array.Sort(stds);
        var mid = stds.Length / 2;
        return stds.Length % 2 == 1 ? stds[mid] : (stds[mid - 1] + stds[mid]) / 2;
    }
}
