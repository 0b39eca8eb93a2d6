using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;

namespace SynthVault.Evaluation.Neighbors;

/// <summary>One column of a <see cref="GowerSpace"/>: its name, whether it is compared as a number, and its scale.</summary>
/// <param name="Name">The column name.</param>
/// <param name="IsNumeric">True for numbers and dates (|Δ| / range); false for categories (0 equal, 1 different).</param>
/// <param name="Minimum">The smallest training value (numeric columns; 0 otherwise).</param>
/// <param name="Range">The training range max − min used as the unit (numeric columns; 1 otherwise).</param>
public sealed record GowerColumn(string Name, bool IsNumeric, double Minimum, double Range);

/// <summary>
/// The common distance scale of the privacy metrics: Gower's (1971) general coefficient of dissimilarity,
/// d(x, y) = (1 / p) Σ_j δ_j(x_j, y_j) over the p compared columns, with δ_j = |x_j − y_j| / range_j for numbers
/// and dates (range from the TRAINING rows) and δ_j = [x_j ≠ y_j] for categories and booleans. Missing values:
/// null vs null = 0, null vs a value = 1. (J. C. Gower, "A General Coefficient of Similarity and Some of Its
/// Properties", Biometrics 27(4), 1971.)
/// </summary>
/// <remarks>
/// <para>Values outside the training range give numeric terms above 1; they are not clipped, so the distance is an
/// exact weighted L1 distance and stays comparable with scikit-learn's Manhattan distance on range-scaled data.</para>
/// <para>A numeric column that is constant in the training rows has no spread to scale by: its range is taken as 1
/// (differences count in the column's own units), so any departure from the constant stays visible.</para>
/// <para>Category codes are shared by every table encoded in this space (and its <see cref="Subset"/>s), so equal
/// values get equal codes whichever table they came from. <see cref="Encode"/> is thread-safe.</para>
/// </remarks>
public sealed class GowerSpace
{
    private readonly CategoryCoder?[] coders;

    private GowerSpace(GowerColumn[] columns, CategoryCoder?[] coders)
    {
        Columns = columns;
        this.coders = coders;
    }

    /// <summary>The compared columns, numeric and categorical, in the order given when the space was fitted.</summary>
    public IReadOnlyList<GowerColumn> Columns { get; }

    /// <summary>
    /// The columns the privacy metrics compare: every column of the schema except identifiers, free text and
    /// columns whose values are never learned (PII, Surrogate, Regenerate or Drop policy) — those are never copied
    /// from the real rows, so comparing them would only add noise.
    /// </summary>
    public static IReadOnlyList<ColumnSchema> ComparableColumns(TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return [.. schema.Columns.Where(c => c.IsLearnable && c.Kind != ColumnKind.Text)];
    }

    /// <summary>Fits the scale on the training rows for the comparable columns of the schema.</summary>
    public static GowerSpace Fit(Table train, TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(train);
        var columns = ComparableColumns(schema);
        if (columns.Count == 0)
        {
            throw new SynthVaultException(
                "No column can be compared for the privacy metrics: every column is an identifier, free text or personal data that is never learned.",
                hint: "Mark at least one column as a synthesized feature in synthvault.json.");
        }

        return Fit(train, [.. columns.Select(c => (c.Name, c.Kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime))]);
    }

    /// <summary>Fits the scale on the training rows for the named columns, each numeric or categorical.</summary>
    public static GowerSpace Fit(Table train, IReadOnlyList<(string Name, bool IsNumeric)> columns)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A Gower space needs at least one column.", nameof(columns));
        }

        var result = new GowerColumn[columns.Count];
        var coders = new CategoryCoder?[columns.Count];
        for (var j = 0; j < columns.Count; j++)
        {
            var (name, isNumeric) = columns[j];
            var column = train[name];
            if (isNumeric)
            {
                if (!column.IsNumeric)
                {
                    throw new SynthVaultException($"The column is declared numeric but holds {column.DataType} values.", column: name, hint: "Correct the column kind in synthvault.json.");
                }

                var values = column.ToDoubles();
                double min = double.PositiveInfinity, max = double.NegativeInfinity;
                foreach (var v in values)
                {
                    if (!double.IsNaN(v))
                    {
                        min = Math.Min(min, v);
                        max = Math.Max(max, v);
                    }
                }

                if (double.IsPositiveInfinity(min))
                {
                    // An all-null training column: every value compares by its null flag only.
                    min = 0;
                    max = 0;
                }

                var range = max - min;
                result[j] = new GowerColumn(name, true, min, range > 0 && double.IsFinite(range) ? range : 1.0);
            }
            else
            {
                result[j] = new GowerColumn(name, false, 0, 1);
                coders[j] = new CategoryCoder();
            }
        }

        return new GowerSpace(result, coders);
    }

    /// <summary>
    /// The same scales and category codes restricted to the named columns (their distance divides by the subset's
    /// size): used by the linkability and inference attacks, which see only some columns.
    /// </summary>
    public GowerSpace Subset(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var cols = new List<GowerColumn>();
        var codes = new List<CategoryCoder?>();
        foreach (var name in names)
        {
            var j = IndexOf(name);
            if (j < 0)
            {
                throw new SynthVaultException("The column is not among the compared columns.", column: name);
            }

            cols.Add(Columns[j]);
            codes.Add(coders[j]);
        }

        if (cols.Count == 0)
        {
            throw new ArgumentException("A subset needs at least one column.", nameof(names));
        }

        return new GowerSpace([.. cols], [.. codes]);
    }

    /// <summary>The position of the named column, or −1.</summary>
    public int IndexOf(string name)
    {
        for (var j = 0; j < Columns.Count; j++)
        {
            if (Columns[j].Name == name)
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>Encodes a table's compared columns once for fast distance computations.</summary>
    /// <exception cref="SynthVaultException">A compared column is missing or has a type that cannot be compared.</exception>
    public MixedMatrix Encode(Table table, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var n = table.RowCount;
        var raw = new double[Columns.Count][];
        var scaled = new double[Columns.Count][];
        var nulls = new bool[]?[Columns.Count];
        for (var j = 0; j < Columns.Count; j++)
        {
            var spec = Columns[j];
            if (!table.TryGetColumn(spec.Name, out var column))
            {
                throw new SynthVaultException("The table has no such column, but the privacy metrics compare it.", file, spec.Name, hint: "Evaluate tables with the same columns as the training data.");
            }

            bool[]? mask = column.HasNulls ? column.NullMask.ToArray() : null;
            nulls[j] = mask;
            if (spec.IsNumeric)
            {
                if (!column.IsNumeric)
                {
                    throw new SynthVaultException($"The column holds {column.DataType} values where numbers were expected.", file, spec.Name, hint: "Evaluate tables with the same column types as the training data.");
                }

                var values = column.ToDoubles();
                var s = new double[n];
                var inv = 1.0 / spec.Range;
                for (var i = 0; i < n; i++)
                {
                    // Null scaled value 0: with the null flags the kernel then gives null vs null = 0.
                    s[i] = mask is not null && mask[i] ? 0.0 : (values[i] - spec.Minimum) * inv;
                }

                raw[j] = values;
                scaled[j] = s;
            }
            else
            {
                var codes = coders[j]!.Encode(column);
                raw[j] = codes;
                scaled[j] = codes;
            }
        }

        return new MixedMatrix(this, n, raw, scaled, nulls);
    }

    /// <summary>Assigns stable integer codes to category values across every table of one space.</summary>
    private sealed class CategoryCoder
    {
        private readonly Dictionary<string, int> codes = new(StringComparer.Ordinal);
        private readonly Lock gate = new();

        public double[] Encode(Column column)
        {
            var n = column.Length;
            var result = new double[n];
            lock (gate)
            {
                if (column is StringColumn strings)
                {
                    var dict = strings.Dictionary;
                    var map = new double[dict.Count];
                    for (var c = 0; c < map.Length; c++)
                    {
                        map[c] = CodeOf(dict[c]);
                    }

                    var raw = strings.Codes;
                    for (var i = 0; i < n; i++)
                    {
                        result[i] = raw[i] < 0 ? -1.0 : map[raw[i]];
                    }
                }
                else
                {
                    for (var i = 0; i < n; i++)
                    {
                        var value = column.GetValue(i);
                        result[i] = value is null ? -1.0 : CodeOf(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                    }
                }
            }

            return result;
        }

        private int CodeOf(string value)
        {
            if (!codes.TryGetValue(value, out var code))
            {
                code = codes.Count;
                codes.Add(value, code);
            }

            return code;
        }
    }
}

/// <summary>
/// A table's compared columns encoded in a <see cref="GowerSpace"/>: numeric columns scaled by 1/range with null
/// flags, categorical columns as integer codes (−1 = null). Built once, searched many times.
/// </summary>
public sealed class MixedMatrix
{
    internal MixedMatrix(GowerSpace space, int rows, double[][] raw, double[][] scaled, bool[]?[] nulls)
    {
        Space = space;
        Rows = rows;
        Raw = raw;
        Scaled = scaled;
        Nulls = nulls;
    }

    /// <summary>The space this matrix was encoded in.</summary>
    public GowerSpace Space { get; }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>Per column: numeric values as they are (NaN for null), or category codes (−1 for null).</summary>
    internal double[][] Raw { get; }

    /// <summary>Per column: (value − min) / range for numbers (0 for null), category codes otherwise.</summary>
    internal double[][] Scaled { get; }

    /// <summary>Per column: the null mask, or null when no value is missing.</summary>
    internal bool[]?[] Nulls { get; }

    internal bool IsNull(int column, int row) => Nulls[column] is { } mask && mask[row];

    /// <summary>The rows at the given positions, in order, without re-encoding.</summary>
    public MixedMatrix Take(ReadOnlySpan<int> rows)
    {
        var p = Raw.Length;
        var raw = new double[p][];
        var scaled = new double[p][];
        var nulls = new bool[]?[p];
        for (var j = 0; j < p; j++)
        {
            raw[j] = Gather(Raw[j], rows);
            scaled[j] = ReferenceEquals(Raw[j], Scaled[j]) ? raw[j] : Gather(Scaled[j], rows);
            if (Nulls[j] is { } mask)
            {
                var m = new bool[rows.Length];
                var any = false;
                for (var i = 0; i < rows.Length; i++)
                {
                    m[i] = mask[rows[i]];
                    any |= m[i];
                }

                nulls[j] = any ? m : null;
            }
        }

        return new MixedMatrix(Space, rows.Length, raw, scaled, nulls);
    }

    /// <summary>These rows seen through a subset of the space's columns (same scales, same codes).</summary>
    public MixedMatrix Project(GowerSpace subset)
    {
        ArgumentNullException.ThrowIfNull(subset);
        var p = subset.Columns.Count;
        var raw = new double[p][];
        var scaled = new double[p][];
        var nulls = new bool[]?[p];
        for (var j = 0; j < p; j++)
        {
            var source = Space.IndexOf(subset.Columns[j].Name);
            if (source < 0 || Space.Columns[source] != subset.Columns[j])
            {
                throw new ArgumentException($"Column '{subset.Columns[j].Name}' is not part of this matrix's space.", nameof(subset));
            }

            raw[j] = Raw[source];
            scaled[j] = Scaled[source];
            nulls[j] = Nulls[source];
        }

        return new MixedMatrix(subset, Rows, raw, scaled, nulls);
    }

    private static double[] Gather(double[] source, ReadOnlySpan<int> rows)
    {
        var result = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = source[rows[i]];
        }

        return result;
    }
}
