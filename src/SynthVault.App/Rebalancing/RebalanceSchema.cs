using SynthVault.Core.Data;
using SynthVault.Core.Schema;

namespace SynthVault.App.Rebalancing;

/// <summary>
/// A conservative schema for rebalancing a file that comes without one: numbers are features, the label is
/// categorical, and anything that could be a key or free text is left out of learning, so generated rows never copy
/// it. Integer columns whose values are all distinct (row numbers, ids) are identifiers; text columns with many
/// distinct values (more than 50 and more than 5 % of the rows) are free text. The profiler's schema, with PII
/// detection, replaces this where a project file exists.
/// </summary>
public static class RebalanceSchema
{
    /// <summary>The schema inferred from the storage types and distinct counts of <paramref name="table"/>.</summary>
    public static TableSchema Infer(Table table, string label)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = new List<ColumnSchema>();
        foreach (var column in table.Columns)
        {
            if (column.Name == label)
            {
                columns.Add(new ColumnSchema(column.Name, ColumnKind.Categorical, column.DataType, Role: ColumnRole.Label));
                continue;
            }

            var kind = column switch
            {
                Int64Column ints when ints.Length > 20 && ints.NullCount == 0 && AllDistinct(ints) => ColumnKind.Identifier,
                Int64Column => ColumnKind.Integer,
                Float64Column or DecimalColumn => ColumnKind.Continuous,
                BooleanColumn => ColumnKind.Boolean,
                DateTimeColumn => ColumnKind.DateTime,
                StringColumn s when IsFreeText(s) => ColumnKind.Text,
                _ => ColumnKind.Categorical,
            };
            columns.Add(new ColumnSchema(column.Name, kind, column.DataType, Role: kind == ColumnKind.Identifier ? ColumnRole.Key : ColumnRole.Feature,
                Policy: ColumnSchema.DefaultPolicy(kind, PiiKind.None)));
        }

        return new TableSchema(columns);
    }

    private static bool AllDistinct(Int64Column column)
    {
        var seen = new HashSet<long>();
        foreach (var v in column.Values)
        {
            if (!seen.Add(v))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFreeText(StringColumn column)
    {
        var used = column.CountCodes().Count(c => c > 0);
        return used > 50 && used > 0.05 * column.Length;
    }
}
