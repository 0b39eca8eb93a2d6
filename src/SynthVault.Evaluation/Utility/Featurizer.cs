using SynthVault.Core.Data;

namespace SynthVault.Evaluation.Utility;

/// <summary>
/// Turns table rows into LightGBM feature vectors: numbers and datetimes (days since 0001-01-01) as they are with
/// NaN for missing (LightGBM learns where missing values go), discrete columns one-hot over the most frequent
/// categories of the reference tables (an unseen or missing value is all zeros). The vocabulary comes from the
/// tables given to <see cref="Fit"/> only, so every model of a comparison sees the same feature space.
/// </summary>
internal sealed class Featurizer
{
    private readonly Slot[] slots;

    private Featurizer(Slot[] slots, int width)
    {
        this.slots = slots;
        Width = width;
    }

    public int Width { get; }

    public static Featurizer Fit(IReadOnlyList<ScoredColumn> features, IReadOnlyList<Table> references, int maxCategories)
    {
        var slots = new Slot[features.Count];
        var offset = 0;
        for (var f = 0; f < features.Count; f++)
        {
            var name = features[f].Name;
            if (features[f].Shape == ColumnShape.Continuous)
            {
                slots[f] = new Slot(name, offset, null, null);
                offset++;
                continue;
            }

            // Most frequent categories first; ties by ordinal key so the layout does not depend on row order.
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in references)
            {
                var column = table[name];
                for (var i = 0; i < column.Length; i++)
                {
                    var key = Key(column, i);
                    if (key is not null)
                    {
                        counts[key] = counts.GetValueOrDefault(key) + 1;
                    }
                }
            }

            var kept = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(maxCategories).Select(kv => kv.Key).ToArray();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var k = 0; k < kept.Length; k++)
            {
                index[kept[k]] = k;
            }

            slots[f] = new Slot(name, offset, index, kept);
            offset += kept.Length;
        }

        return new Featurizer(slots, offset);
    }

    /// <summary>The rows of <paramref name="table"/> (all, or those listed) as feature vectors.</summary>
    public float[][] Transform(Table table, IReadOnlyList<int>? rows = null)
    {
        var n = rows?.Count ?? table.RowCount;
        var result = new float[n][];
        for (var r = 0; r < n; r++)
        {
            result[r] = new float[Width];
        }

        foreach (var slot in slots)
        {
            var column = table[slot.Column];
            if (slot.Index is null)
            {
                var values = column.ToDoubles();
                for (var r = 0; r < n; r++)
                {
                    result[r][slot.Offset] = (float)values[rows?[r] ?? r];
                }

                continue;
            }

            for (var r = 0; r < n; r++)
            {
                var key = Key(column, rows?[r] ?? r);
                if (key is not null && slot.Index.TryGetValue(key, out var k))
                {
                    result[r][slot.Offset + k] = 1f;
                }
            }
        }

        return result;
    }

    /// <summary>A value's identity for one-hot encoding: the string, or the number printed round-trip.</summary>
    internal static string? Key(Column column, int row)
    {
        if (column.IsNull(row))
        {
            return null;
        }

        return column switch
        {
            StringColumn s => s[row],
            _ => System.Convert.ToString(column.GetValue(row), System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private sealed record Slot(string Column, int Offset, Dictionary<string, int>? Index, string[]? Categories);
}
