using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Rebalancing;

/// <summary>
/// ADASYN (He, Bai, Garcia and Li 2008) exactly as imbalanced-learn 0.12 defines it: for each minority row, rᵢ =
/// the share of other-class rows among its K = 5 nearest neighbours in the whole data set; r̂ᵢ = rᵢ / Σ r; gᵢ =
/// rint(r̂ᵢ · G) new rows start from row i (numpy's rint: halves to even), so the total is Σ gᵢ, which may differ
/// from G by rounding. Each new row = row + u·(neighbour − row) with the neighbour drawn uniformly among the row's
/// K nearest minority rows and u ~ U[0, 1). All features must be numeric.
/// </summary>
public sealed class AdasynGenerator : IMinorityGenerator
{
    /// <summary>Creates the generator.</summary>
    /// <param name="nNeighbors">K, used for both the difficulty ratio and the interpolation (default 5).</param>
    public AdasynGenerator(int nNeighbors = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nNeighbors, 1);
        NNeighbors = nNeighbors;
    }

    public int NNeighbors { get; }

    public string Method => "adasyn";

    /// <summary>gᵢ per minority row (in row order of the positive rows) for a request of <paramref name="count"/> rows.</summary>
    public int[] Allocation(Table data, TableSchema schema, string label, string positiveValue, int count, CancellationToken cancellationToken = default)
    {
        var space = FeatureSpace.Build(data, schema, label, positiveValue);
        space.RequireAllNumeric("ADASYN");
        return Allocate(space, count, positiveValue, cancellationToken);
    }

    public MinorityGeneration Generate(Table data, TableSchema schema, string label, string positiveValue, int count, long seed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var space = FeatureSpace.Build(data, schema, label, positiveValue);
        space.RequireAllNumeric("ADASYN");
        var minority = space.PositiveRows;
        space.RequireRows(minority.Length, NNeighbors, "ADASYN", $"rows of class '{positiveValue}'");
        var g = Allocate(space, count, positiveValue, cancellationToken);
        var neighbours = NeighbourSearch.Nearest(space, minority, minority, NNeighbors, 0, cancellationToken);

        // The seed of each new row is fixed by the allocation (imbalanced-learn: np.repeat(rows, g)).
        var seeds = new int[g.Sum()];
        var at = 0;
        for (var i = 0; i < g.Length; i++)
        {
            for (var c = 0; c < g[i]; c++)
            {
                seeds[at++] = i;
            }
        }

        var total = seeds.Length;
        var d = space.NumericCount;
        var numeric = new double[total * d];
        var provenance = new OversampleProvenance[total];
        var streams = new SeedStreams(seed);
        var chunks = (total + PairSampler.ChunkSize - 1) / PairSampler.ChunkSize;
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
        {
            var rng = streams.CreateGenerator(Method, chunk);
            var end = Math.Min(total, (chunk + 1) * PairSampler.ChunkSize);
            for (var r = chunk * PairSampler.ChunkSize; r < end; r++)
            {
                var i = seeds[r];
                var a = minority[i];
                var b = neighbours[(i * NNeighbors) + rng.NextInt(NNeighbors)];
                var gap = rng.NextDouble();
                PairSampler.Interpolate(space, a, b, gap, numeric.AsSpan(r * d, d));
                provenance[r] = new OversampleProvenance(Method, a, b, gap);
            }
        });

        return new MinorityGeneration(space.BuildRows(total, numeric, []), provenance);
    }

    private int[] Allocate(FeatureSpace space, int count, string positiveValue, CancellationToken cancellationToken)
    {
        var minority = space.PositiveRows;
        space.RequireRows(space.RowCount, NNeighbors, "ADASYN", "rows");
        var all = BorderlineSmoteGenerator.AllRows(space.RowCount);
        var neighbours = NeighbourSearch.Nearest(space, minority, all, NNeighbors, 0, cancellationToken);
        var ratio = new double[minority.Length];
        var sum = 0.0;
        for (var i = 0; i < minority.Length; i++)
        {
            var others = 0;
            for (var c = 0; c < NNeighbors; c++)
            {
                others += space.IsPositive[neighbours[(i * NNeighbors) + c]] ? 0 : 1;
            }

            ratio[i] = others / (double)NNeighbors;
            sum += ratio[i];
        }

        if (sum == 0)
        {
            throw new SynthVaultException(
                $"No row of class '{positiveValue}' has a neighbour of another class among its {NNeighbors} nearest, so ADASYN's weights are undefined (0/0).",
                hint: "Use --method smote: the classes are already well separated.");
        }

        var g = new int[minority.Length];
        for (var i = 0; i < g.Length; i++)
        {
            g[i] = (int)Math.Round(ratio[i] / sum * count, MidpointRounding.ToEven);
        }

        if (g.Sum() == 0)
        {
            throw new SynthVaultException($"ADASYN rounds every row's share of {count} new rows to zero.", hint: "Ask for more rows (a higher --ratio) or use --method smote.");
        }

        return g;
    }
}
