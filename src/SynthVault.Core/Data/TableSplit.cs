using SynthVault.Core.Errors;
using SynthVault.Core.Randomness;

namespace SynthVault.Core.Data;

/// <summary>
/// Seeded train/holdout splits. With a label the split is stratified: every class keeps its share in both
/// parts (each class is shuffled and cut on its own), so a rare class is never missing from the holdout by chance.
/// </summary>
public static class TableSplit
{
    /// <summary>Row positions of the training part and of the holdout part, each in ascending order.</summary>
    /// <param name="table">The table to split.</param>
    /// <param name="labelColumn">The column to stratify on, or null for a plain random split.</param>
    /// <param name="holdoutFraction">Share of rows (of each class) kept out, in (0, 1).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public static (int[] Train, int[] Holdout) Split(Table table, string? labelColumn, double holdoutFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!(holdoutFraction > 0 && holdoutFraction < 1))
        {
            throw new SynthVaultException($"The holdout fraction must be between 0 and 1 (got {holdoutFraction}).", hint: "Use e.g. 0.3 to keep 30 % of the rows for evaluation.");
        }

        var groups = labelColumn is null ? [Enumerable.Range(0, table.RowCount).ToList()] : GroupByValue(table[labelColumn]);
        var rng = new Xoshiro256(seed);
        var train = new List<int>(table.RowCount);
        var holdout = new List<int>(table.RowCount);
        foreach (var group in groups)
        {
            // Fisher–Yates over the class, then the first share goes to the holdout.
            var rows = group.ToArray();
            for (var i = rows.Length - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (rows[i], rows[j]) = (rows[j], rows[i]);
            }

            // A class with at least two rows gives at least one to each side.
            var take = (int)Math.Round(rows.Length * holdoutFraction, MidpointRounding.AwayFromZero);
            if (rows.Length >= 2)
            {
                take = Math.Clamp(take, 1, rows.Length - 1);
            }

            holdout.AddRange(rows.AsSpan(0, take));
            train.AddRange(rows.AsSpan(take));
        }

        train.Sort();
        holdout.Sort();
        return ([.. train], [.. holdout]);
    }

    private static List<List<int>> GroupByValue(Column column)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<List<int>>();
        for (var i = 0; i < column.Length; i++)
        {
            var key = column.GetValue(i) is { } v ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty : "\0null";
            if (!groups.TryGetValue(key, out var list))
            {
                list = [];
                groups.Add(key, list);
                order.Add(list);
            }

            list.Add(i);
        }

        return order;
    }
}
