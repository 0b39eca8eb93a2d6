using SynthVault.Core.Data;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Rebalancing;

/// <summary>
/// SMOTE (Chawla et al. 2002) exactly as imbalanced-learn 0.12 defines it: the k nearest neighbours of each
/// minority row among the minority rows (plain Euclidean on the raw numeric features, no scaling), a pair (row,
/// neighbour) drawn uniformly, and new = row + u·(neighbour − row) with u ~ U[0, 1). Every feature must be
/// numeric; use <see cref="SmoteNcGenerator"/> when some are categorical.
/// </summary>
public sealed class SmoteGenerator : IMinorityGenerator
{
    /// <summary>Creates the generator.</summary>
    /// <param name="kNeighbors">Neighbours per minority row (imbalanced-learn's default 5).</param>
    public SmoteGenerator(int kNeighbors = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kNeighbors, 1);
        KNeighbors = kNeighbors;
    }

    public int KNeighbors { get; }

    public string Method => "smote";

    public MinorityGeneration Generate(Table data, TableSchema schema, string label, string positiveValue, int count, long seed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var space = FeatureSpace.Build(data, schema, label, positiveValue);
        space.RequireAllNumeric("SMOTE");
        var minority = space.PositiveRows;
        space.RequireRows(minority.Length, KNeighbors, "SMOTE", $"rows of class '{positiveValue}'");
        var neighbours = NeighbourSearch.Nearest(space, minority, minority, KNeighbors, 0, cancellationToken);
        return PairSampler.Sample(space, Method, minority, neighbours, KNeighbors, count, seed, shrinkTowardsOtherClass: false, categorical: null, cancellationToken);
    }
}
