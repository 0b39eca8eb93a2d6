using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;

namespace SynthVault.Synthesis.Rebalancing;

/// <summary>
/// Reads a label column as text classes, so a user can say <c>--positive 1</c> for an integer label, <c>&gt;50K</c>
/// for a string label or <c>true</c> for a boolean one.
/// </summary>
public static class LabelValues
{
    /// <summary>The label column of <paramref name="data"/>; a <see cref="SynthVaultException"/> listing the columns when there is none.</summary>
    public static Column LabelColumn(Table data, string label)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(label);
        if (!data.TryGetColumn(label, out var column))
        {
            throw new SynthVaultException($"There is no label column named '{label}'.", column: label, hint: $"Columns: {string.Join(", ", data.ColumnNames)}.");
        }

        return column;
    }

    /// <summary>The class of one row as text; null when the label is missing.</summary>
    public static string? Format(Column column, int row)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.IsNull(row))
        {
            return null;
        }

        return column switch
        {
            StringColumn s => s[row],
            Int64Column i => i[row].ToString(CultureInfo.InvariantCulture),
            BooleanColumn b => b[row] ? "true" : "false",
            Float64Column f => f[row].ToString("R", CultureInfo.InvariantCulture),
            DecimalColumn d => d[row].ToString(CultureInfo.InvariantCulture),
            DateTimeColumn t => t[row].ToString("O", CultureInfo.InvariantCulture),
            _ => Convert.ToString(column.GetValue(row), CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Row count per class, in ordinal order of the class text.</summary>
    public static SortedDictionary<string, int> Counts(Column column, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (column is Int64Column ints && !ints.HasNulls)
        {
            var byValue = new Dictionary<long, int>();
            foreach (var v in ints.Values)
            {
                byValue[v] = byValue.TryGetValue(v, out var c) ? c + 1 : 1;
            }

            foreach (var (v, c) in byValue)
            {
                counts[v.ToString(CultureInfo.InvariantCulture)] = c;
            }

            return counts;
        }

        for (var i = 0; i < column.Length; i++)
        {
            var value = Format(column, i) ?? throw new SynthVaultException(
                "The label is missing on this row; rebalancing needs a class for every row.", file, column.Name, i + 1,
                hint: "Drop or fill the rows without a label first.");
            counts[value] = counts.TryGetValue(value, out var c) ? c + 1 : 1;
        }

        return counts;
    }

    /// <summary>
    /// The class to treat as positive: the given one (checked to exist) or, when none is given, the rarest class
    /// (ties: the first in ordinal order, so the choice is stable).
    /// </summary>
    public static string ResolvePositive(Column column, string? positiveValue, string? file = null)
    {
        var counts = Counts(column, file);
        if (counts.Count < 2)
        {
            throw new SynthVaultException(
                $"The label has a single class ({counts.Count} distinct value); there is nothing to rebalance.", file, column.Name,
                hint: "Pick the column that holds the class to predict.");
        }

        if (positiveValue is null)
        {
            string? rarest = null;
            var best = int.MaxValue;
            foreach (var (value, count) in counts)
            {
                if (count < best)
                {
                    best = count;
                    rarest = value;
                }
            }

            return rarest!;
        }

        var match = Match(column, positiveValue);
        if (match is null || !counts.ContainsKey(match))
        {
            throw new SynthVaultException(
                $"No row has the label value '{positiveValue}'.", file, column.Name,
                hint: $"The label's values are: {string.Join(", ", counts.Keys.Take(12))}{(counts.Count > 12 ? ", …" : string.Empty)}.");
        }

        return match;
    }

    /// <summary>True per row whose label equals <paramref name="positiveValue"/>.</summary>
    public static bool[] PositiveMask(Column column, string positiveValue)
    {
        ArgumentNullException.ThrowIfNull(column);
        var match = Match(column, positiveValue);
        var mask = new bool[column.Length];
        if (match is null)
        {
            return mask;
        }

        // Fast paths for the common label types compare stored values, not formatted text.
        switch (column)
        {
            case Int64Column ints:
                var target = long.Parse(match, CultureInfo.InvariantCulture);
                for (var i = 0; i < mask.Length; i++)
                {
                    mask[i] = !ints.IsNull(i) && ints[i] == target;
                }

                return mask;
            case StringColumn strings:
                var codes = strings.Codes;
                var hit = new bool[strings.Dictionary.Count];
                for (var c = 0; c < hit.Length; c++)
                {
                    hit[c] = string.Equals(strings.Dictionary[c], match, StringComparison.Ordinal);
                }

                for (var i = 0; i < mask.Length; i++)
                {
                    mask[i] = codes[i] >= 0 && hit[codes[i]];
                }

                return mask;
        }

        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = string.Equals(Format(column, i), match, StringComparison.Ordinal);
        }

        return mask;
    }

    // The canonical text of the user's value in this column's type: "TRUE" matches a boolean true, "1.0" an integer 1.
    private static string? Match(Column column, string positiveValue) => column switch
    {
        BooleanColumn => bool.TryParse(positiveValue, out var b) ? (b ? "true" : "false")
            : positiveValue is "1" ? "true" : positiveValue is "0" ? "false" : null,
        Int64Column => double.TryParse(positiveValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Round(d)
            && Math.Abs(d) < 9e15 ? ((long)d).ToString(CultureInfo.InvariantCulture) : null,
        Float64Column => double.TryParse(positiveValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f.ToString("R", CultureInfo.InvariantCulture) : null,
        _ => positiveValue,
    };
}
