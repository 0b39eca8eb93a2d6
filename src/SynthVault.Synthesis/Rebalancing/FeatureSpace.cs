using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Rebalancing;

/// <summary>
/// The numeric and categorical view of a table that the SMOTE family works in, and the way back to typed columns.
/// Features are the learnable columns other than the label: Continuous, Integer and DateTime columns are numeric
/// (dates as days since 0001-01-01); Categorical and Boolean columns are categorical. Text, identifiers and
/// columns that must not be learned (PII, surrogates, dropped) are not features, and generated rows hold no
/// value there (null): copying them from a real row would leak them.
/// </summary>
internal sealed class FeatureSpace
{
    private readonly Table data;
    private readonly int labelIndex;
    private readonly int[] numericColumns;
    private readonly int[] categoricalColumns;
    private readonly double[] minimum;
    private readonly double[] maximum;
    private readonly int[][] exampleRowOfCode;
    private readonly double[] fill;

    private FeatureSpace(Table data, int labelIndex, int[] numericColumns, int[] categoricalColumns, bool[] isPositive)
    {
        this.data = data;
        this.labelIndex = labelIndex;
        this.numericColumns = numericColumns;
        this.categoricalColumns = categoricalColumns;
        IsPositive = isPositive;
        RowCount = data.RowCount;
        var positives = new List<int>();
        for (var i = 0; i < isPositive.Length; i++)
        {
            if (isPositive[i])
            {
                positives.Add(i);
            }
        }

        PositiveRows = [.. positives];
        NumericCount = numericColumns.Length;
        Raw = new double[NumericCount][];
        fill = new double[NumericCount];
        minimum = new double[NumericCount];
        maximum = new double[NumericCount];
        for (var j = 0; j < NumericCount; j++)
        {
            var values = data[numericColumns[j]].ToDoubles();
            Raw[j] = values;
            // Distances need a number: a missing value sits at the column median (imbalanced-learn refuses NaN).
            fill[j] = data[numericColumns[j]].HasNulls ? Median(values) : 0;
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (var v in values)
            {
                if (!double.IsNaN(v))
                {
                    lo = Math.Min(lo, v);
                    hi = Math.Max(hi, v);
                }
            }

            minimum[j] = lo;
            maximum[j] = hi;
        }

        CategoricalCount = categoricalColumns.Length;
        Codes = new int[CategoricalCount][];
        CodeCounts = new int[CategoricalCount];
        exampleRowOfCode = new int[CategoricalCount][];
        for (var j = 0; j < CategoricalCount; j++)
        {
            (Codes[j], CodeCounts[j], exampleRowOfCode[j]) = Encode(data[categoricalColumns[j]]);
        }
    }

    public int RowCount { get; }

    public bool[] IsPositive { get; }

    /// <summary>Indices of the positive rows, ascending.</summary>
    public int[] PositiveRows { get; }

    public int NumericCount { get; }

    /// <summary>Writes the numeric features of <paramref name="row"/> into <paramref name="target"/>, a missing value as the column median.</summary>
    public void Vector(int row, Span<double> target)
    {
        for (var j = 0; j < target.Length; j++)
        {
            var v = Raw[j][row];
            target[j] = double.IsNaN(v) ? fill[j] : v;
        }
    }

    /// <summary>Numeric features per column with NaN where missing.</summary>
    public double[][] Raw { get; }

    public int CategoricalCount { get; }

    /// <summary>Per categorical feature, a code per row; a missing value is a category of its own.</summary>
    public int[][] Codes { get; }

    /// <summary>Number of codes per categorical feature.</summary>
    public int[] CodeCounts { get; }

    /// <summary>Names of the numeric features, in feature order.</summary>
    public IEnumerable<string> NumericNames => numericColumns.Select(c => data[c].Name);

    /// <summary>Names of the categorical features, in feature order.</summary>
    public IEnumerable<string> CategoricalNames => categoricalColumns.Select(c => data[c].Name);

    /// <summary>Validates the inputs and builds the feature space.</summary>
    public static FeatureSpace Build(Table data, TableSchema schema, string label, string positiveValue)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(positiveValue);
        schema.EnsureMatches(data);
        var labelIndex = data.IndexOf(LabelValues.LabelColumn(data, label).Name);

        var numeric = new List<int>();
        var categorical = new List<int>();
        for (var c = 0; c < data.ColumnCount; c++)
        {
            var column = data[c];
            if (c == labelIndex || !schema.Contains(column.Name))
            {
                continue;
            }

            var cs = schema[column.Name];
            if (!cs.IsLearnable)
            {
                continue;
            }

            switch (cs.Kind)
            {
                case ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime:
                    if (!column.IsNumeric || column is BooleanColumn)
                    {
                        throw new SynthVaultException(
                            $"The schema calls this column {cs.Kind} but it holds {column.DataType} values.", column: column.Name,
                            hint: "Correct the column's kind in synthvault.json (Categorical for labels stored as text).");
                    }

                    numeric.Add(c);
                    break;
                case ColumnKind.Categorical or ColumnKind.Boolean:
                    categorical.Add(c);
                    break;
                default:
                    break; // Text and identifiers are not features.
            }
        }

        var mask = LabelValues.PositiveMask(data[labelIndex], positiveValue);
        return new FeatureSpace(data, labelIndex, [.. numeric], [.. categorical], mask);
    }

    /// <summary>The SMOTE family's precondition: enough rows for k neighbours (imbalanced-learn raises the same way).</summary>
    public void RequireRows(int available, int neighbours, string method, string what)
    {
        if (available < neighbours + 1)
        {
            var hint = available >= 2
                ? $"Use fewer neighbours (--k-neighbors {available - 1} or less) or --method random."
                : "Use --method random, or collect more rows of this class.";
            throw new SynthVaultException(
                $"{method} needs at least {neighbours + 1} {what} for {neighbours} neighbours; there are {available}.",
                column: data[labelIndex].Name, hint: hint);
        }
    }

    /// <summary>Refuses categorical features for methods that interpolate every feature (as imbalanced-learn's SMOTE does).</summary>
    public void RequireAllNumeric(string method)
    {
        if (CategoricalCount > 0)
        {
            throw new SynthVaultException(
                $"{method} interpolates every feature, but {string.Join(", ", CategoricalNames.Take(5).Select(n => $"'{n}'"))} {(CategoricalCount == 1 ? "is" : "are")} categorical.",
                hint: "Use --method smotenc for mixed numeric and categorical data, or --method random.");
        }

        if (NumericCount == 0)
        {
            throw new SynthVaultException($"{method} needs at least one numeric feature; the table has none that may be learned.", hint: "Use --method random.");
        }
    }

    /// <summary>
    /// Builds typed rows from generated feature values: <paramref name="numeric"/> is row-major (count × NumericCount,
    /// NaN = missing), <paramref name="codes"/> row-major (count × CategoricalCount). Integers are rounded, every
    /// numeric value is clamped to the column's observed range, decimals keep their scale and dates fall on days.
    /// </summary>
    public Table BuildRows(int count, double[] numeric, int[] codes)
    {
        var columns = new Column[data.ColumnCount];
        var labelRows = new int[count];
        Array.Fill(labelRows, PositiveRows[0]);
        columns[labelIndex] = data[labelIndex].Take(labelRows);
        for (var j = 0; j < NumericCount; j++)
        {
            columns[numericColumns[j]] = NumericColumn(data[numericColumns[j]], j, count, numeric);
        }

        for (var j = 0; j < CategoricalCount; j++)
        {
            var rows = new int[count];
            for (var r = 0; r < count; r++)
            {
                rows[r] = exampleRowOfCode[j][codes[(r * CategoricalCount) + j]];
            }

            columns[categoricalColumns[j]] = data[categoricalColumns[j]].Take(rows);
        }

        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] ??= NullColumn(data[c], count);
        }

        return new Table(columns);
    }

    /// <summary>An all-missing column of the same name and storage type.</summary>
    internal static Column NullColumn(Column template, int count)
    {
        var nulls = new bool[count];
        Array.Fill(nulls, true);
        return template switch
        {
            StringColumn s => new StringColumn(s.Name, Enumerable.Repeat(-1, count).ToArray(), [.. s.Dictionary]),
            Float64Column => new Float64Column(template.Name, new double[count], nulls),
            Int64Column => new Int64Column(template.Name, new long[count], nulls),
            BooleanColumn => new BooleanColumn(template.Name, new bool[count], nulls),
            DecimalColumn d => new DecimalColumn(template.Name, new decimal[count], d.Precision, d.Scale, nulls),
            DateTimeColumn t => new DateTimeColumn(template.Name, t.DataType, new long[count], nulls),
            _ => throw new NotSupportedException($"Column type {template.GetType().Name} is not supported."),
        };
    }

    private Column NumericColumn(Column template, int j, int count, double[] numeric)
    {
        var nulls = new bool[count];
        var any = false;
        double Value(int r, out bool isNull)
        {
            var v = numeric[(r * NumericCount) + j];
            isNull = double.IsNaN(v);
            any |= isNull;
            return isNull ? 0 : Math.Clamp(v, minimum[j], maximum[j]);
        }

        switch (template)
        {
            case Float64Column:
            {
                var values = new double[count];
                for (var r = 0; r < count; r++)
                {
                    values[r] = Value(r, out nulls[r]);
                }

                return new Float64Column(template.Name, values, any ? nulls : null);
            }

            case Int64Column:
            {
                var values = new long[count];
                for (var r = 0; r < count; r++)
                {
                    // Rounding cannot leave the range: the bounds are integers.
                    values[r] = (long)Math.Round(Value(r, out nulls[r]), MidpointRounding.AwayFromZero);
                }

                return new Int64Column(template.Name, values, any ? nulls : null);
            }

            case DecimalColumn d:
            {
                var values = new decimal[count];
                for (var r = 0; r < count; r++)
                {
                    values[r] = Math.Round((decimal)Value(r, out nulls[r]), d.Scale, MidpointRounding.AwayFromZero);
                }

                return new DecimalColumn(template.Name, values, d.Precision, d.Scale, any ? nulls : null);
            }

            case DateTimeColumn t:
            {
                var ticks = new long[count];
                for (var r = 0; r < count; r++)
                {
                    var days = Value(r, out nulls[r]);
                    ticks[r] = TemporalScale.FromDays(t.DataType == DataType.Date ? Math.Round(days, MidpointRounding.AwayFromZero) : days);
                }

                return new DateTimeColumn(template.Name, t.DataType, ticks, any ? nulls : null);
            }

            default:
                throw new NotSupportedException($"Column '{template.Name}' of type {template.DataType} is not numeric.");
        }
    }

    private static (int[] Codes, int Count, int[] ExampleRow) Encode(Column column)
    {
        var n = column.Length;
        var codes = new int[n];
        var examples = new List<int>();
        if (column is StringColumn s)
        {
            var nullCode = s.Dictionary.Count;
            var seen = new int[nullCode + 1];
            Array.Fill(seen, -1);
            var span = s.Codes;
            for (var i = 0; i < n; i++)
            {
                var c = span[i] < 0 ? nullCode : span[i];
                codes[i] = c;
                if (seen[c] < 0)
                {
                    seen[c] = i;
                }
            }

            // Compact to the codes that occur so counts and examples are dense.
            var remap = new int[nullCode + 1];
            Array.Fill(remap, -1);
            for (var i = 0; i < n; i++)
            {
                if (remap[codes[i]] < 0)
                {
                    remap[codes[i]] = examples.Count;
                    examples.Add(i);
                }

                codes[i] = remap[codes[i]];
            }

            return (codes, examples.Count, [.. examples]);
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var key = LabelValues.Format(column, i) ?? "\0null";
            if (!index.TryGetValue(key, out var code))
            {
                code = examples.Count;
                index.Add(key, code);
                examples.Add(i);
            }

            codes[i] = code;
        }

        return (codes, examples.Count, [.. examples]);
    }

    private static double Median(double[] values)
    {
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        if (present.Length == 0)
        {
            return 0;
        }

        Array.Sort(present);
        var mid = present.Length / 2;
        return present.Length % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
    }
}
