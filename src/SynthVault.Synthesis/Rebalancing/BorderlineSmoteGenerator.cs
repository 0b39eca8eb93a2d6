using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Rebalancing;

/// <summary>
/// Borderline-SMOTE (Han, Wang and Mao 2005) exactly as imbalanced-learn 0.12 defines it:
/// <list type="bullet">
/// <item>Danger set: minority rows whose m nearest neighbours among all rows (m = 10) hold m' rows of other classes
/// with m/2 ≤ m' &lt; m. Rows with m' = m are noise and are not used; rows with m' &lt; m/2 are safe.</item>
/// <item>Variant 1: pairs (danger row, one of its k = 5 nearest minority rows), new = row + u·(neighbour − row),
/// u ~ U[0, 1).</item>
/// <item>Variant 2 (imbalanced-learn 0.12, PR #1023): the k neighbours are searched among all rows, and when the
/// chosen neighbour is of another class the step is further multiplied by v ~ U[0, 0.5), so the new row stays
/// within the half of the segment next to the minority row.</item>
/// </list>
/// imbalanced-learn silently generates nothing when the danger set is empty; SynthVault says so instead.
/// All features must be numeric.
/// </summary>
public sealed class BorderlineSmoteGenerator : IMinorityGenerator
{
    /// <summary>Creates the generator.</summary>
    /// <param name="kind">1 or 2.</param>
    /// <param name="kNeighbors">Neighbours to interpolate with (default 5).</param>
    /// <param name="mNeighbors">Neighbours that decide the danger set (default 10).</param>
    public BorderlineSmoteGenerator(int kind = 1, int kNeighbors = 5, int mNeighbors = 10)
    {
        if (kind is not (1 or 2))
        {
            throw new SynthVaultException($"Borderline-SMOTE has kinds 1 and 2, not {kind}.", hint: "Use --borderline-kind 1 or 2.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(kNeighbors, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(mNeighbors, 1);
        Kind = kind;
        KNeighbors = kNeighbors;
        MNeighbors = mNeighbors;
    }

    public int Kind { get; }

    public int KNeighbors { get; }

    public int MNeighbors { get; }

    public string Method => Kind == 1 ? "borderline" : "borderline2";

    /// <summary>The rows (indices into <paramref name="data"/>) of the danger set, ascending.</summary>
    public int[] DangerRows(Table data, TableSchema schema, string label, string positiveValue, CancellationToken cancellationToken = default)
    {
        var space = FeatureSpace.Build(data, schema, label, positiveValue);
        space.RequireAllNumeric("Borderline-SMOTE");
        return Danger(space, cancellationToken);
    }

    public MinorityGeneration Generate(Table data, TableSchema schema, string label, string positiveValue, int count, long seed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var space = FeatureSpace.Build(data, schema, label, positiveValue);
        space.RequireAllNumeric("Borderline-SMOTE");
        var danger = Danger(space, cancellationToken);
        if (danger.Length == 0)
        {
            throw new SynthVaultException(
                $"No row of class '{positiveValue}' is on the class border: each has fewer than {MNeighbors / 2.0:0.#} or all {MNeighbors} of its nearest neighbours from other classes, so Borderline-SMOTE has nothing to start from.",
                column: label, hint: "Use --method smote or adasyn.");
        }

        int[] pool;
        if (Kind == 1)
        {
            pool = space.PositiveRows;
            space.RequireRows(pool.Length, KNeighbors, "Borderline-SMOTE", $"rows of class '{positiveValue}'");
        }
        else
        {
            pool = AllRows(space.RowCount);
            space.RequireRows(pool.Length, KNeighbors, "Borderline-SMOTE-2", "rows");
        }

        var neighbours = NeighbourSearch.Nearest(space, danger, pool, KNeighbors, 0, cancellationToken);
        return PairSampler.Sample(space, Method, danger, neighbours, KNeighbors, count, seed, shrinkTowardsOtherClass: Kind == 2, categorical: null, cancellationToken);
    }

    private int[] Danger(FeatureSpace space, CancellationToken cancellationToken)
    {
        var minority = space.PositiveRows;
        space.RequireRows(space.RowCount, MNeighbors, "Borderline-SMOTE", "rows");
        var neighbours = NeighbourSearch.Nearest(space, minority, AllRows(space.RowCount), MNeighbors, 0, cancellationToken);
        var danger = new List<int>();
        for (var i = 0; i < minority.Length; i++)
        {
            var others = 0;
            for (var c = 0; c < MNeighbors; c++)
            {
                others += space.IsPositive[neighbours[(i * MNeighbors) + c]] ? 0 : 1;
            }

            // imbalanced-learn: n_maj >= (n_neighbors - 1) / 2 and n_maj < n_neighbors - 1, with n_neighbors = m + 1.
            if (others >= MNeighbors / 2.0 && others < MNeighbors)
            {
                danger.Add(minority[i]);
            }
        }

        return [.. danger];
    }

    internal static int[] AllRows(int n)
    {
        var rows = new int[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = i;
        }

        return rows;
    }
}
