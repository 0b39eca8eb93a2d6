namespace SynthVault.Core.Data;

/// <summary>Stacks tables with the same columns (names and types) on top of each other.</summary>
public static class TableConcat
{
    public static Table Vertical(IReadOnlyList<Table> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            return Table.Empty;
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        var first = parts[0];
        var result = new Column[first.ColumnCount];
        for (var c = 0; c < first.ColumnCount; c++)
        {
            var pieces = new Column[parts.Count];
            for (var p = 0; p < parts.Count; p++)
            {
                var col = parts[p].Columns.Count > c ? parts[p][c] : null;
                if (col is null || col.Name != first[c].Name || col.DataType != first[c].DataType)
                {
                    throw new ArgumentException($"Part {p} does not have column '{first[c].Name}' of type {first[c].DataType} at position {c}.", nameof(parts));
                }

                pieces[p] = col;
            }

            result[c] = Concat(pieces);
        }

        return new Table(result);
    }

    private static Column Concat(Column[] pieces)
    {
        var total = pieces.Sum(p => p.Length);
        var nulls = pieces.Any(p => p.HasNulls) ? new bool[total] : null;
        if (nulls is not null)
        {
            var at = 0;
            foreach (var p in pieces)
            {
                p.NullMask.CopyTo(nulls.AsSpan(at));
                at += p.Length;
            }
        }

        var first = pieces[0];
        switch (first)
        {
            case Float64Column:
                return new Float64Column(first.Name, Gather<Float64Column, double>(pieces, total, c => c.Values), nulls);
            case Int64Column:
                return new Int64Column(first.Name, Gather<Int64Column, long>(pieces, total, c => c.Values), nulls);
            case BooleanColumn:
                return new BooleanColumn(first.Name, Gather<BooleanColumn, bool>(pieces, total, c => c.Values), nulls);
            case DateTimeColumn d:
                return new DateTimeColumn(first.Name, d.DataType, Gather<DateTimeColumn, long>(pieces, total, c => c.Ticks), nulls);
            case DecimalColumn dec:
                return new DecimalColumn(first.Name, Gather<DecimalColumn, decimal>(pieces, total, c => c.Values), pieces.Cast<DecimalColumn>().Max(x => x.Precision), dec.Scale, nulls);
            case StringColumn:
                var builder = new StringColumnBuilder(first.Name, total);
                foreach (var piece in pieces.Cast<StringColumn>())
                {
                    for (var i = 0; i < piece.Length; i++)
                    {
                        builder.Append(piece[i]);
                    }
                }

                return builder.Build();
            default:
                throw new NotSupportedException($"Cannot concatenate columns of type {first.GetType().Name}.");
        }
    }

    private delegate ReadOnlySpan<T> SpanOf<in TColumn, T>(TColumn column);

    private static T[] Gather<TColumn, T>(Column[] pieces, int total, SpanOf<TColumn, T> span)
        where TColumn : Column
    {
        var result = new T[total];
        var at = 0;
        foreach (var p in pieces)
        {
            var s = span((TColumn)p);
            s.CopyTo(result.AsSpan(at));
            at += s.Length;
        }

        return result;
    }
}
