using SynthVault.Core.Data;
using SynthVault.Core.Randomness;
using SynthVault.Testing;

namespace SynthVault.Evaluation.Tests;

/// <summary>Disjoint, seeded row samples of Adult, so tests stay small (a few thousand rows) and repeatable.</summary>
internal static class AdultSplits
{
    private static readonly Lazy<int[]> Shuffled = new(() =>
    {
        var rows = Enumerable.Range(0, TestData.Adult.RowCount).ToArray();
        var rng = new Xoshiro256(2024);
        for (var i = rows.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }

        return rows;
    });

    /// <summary>Rows [start, start + count) of one fixed shuffle of Adult.</summary>
    public static Table Part(int start, int count) => TestData.Adult.Take(Shuffled.Value.AsSpan(start, count));

    /// <summary>The table with each column shuffled on its own: same marginals, no relationships between columns.</summary>
    public static Table ShuffleEachColumn(Table table, ulong seed)
    {
        var columns = new List<Column>();
        for (var c = 0; c < table.ColumnCount; c++)
        {
            var rows = Enumerable.Range(0, table.RowCount).ToArray();
            var rng = new Xoshiro256(seed + (ulong)c);
            for (var i = rows.Length - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (rows[i], rows[j]) = (rows[j], rows[i]);
            }

            columns.Add(table[c].Take(rows));
        }

        return new Table(columns);
    }
}
