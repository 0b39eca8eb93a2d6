using System.Globalization;
using System.Runtime.CompilerServices;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Internal;

/// <summary>The learnable columns of a training table, encoded, plus the plan for every other column.</summary>
internal sealed record FeatureSet(FeatureSpec[] Specs, EncodedColumn[] Data, PassThroughSpec[] Others, int RowCount);

/// <summary>
/// Turns a typed table into what the synthesizers learn from, and back. Learnable columns (policy Synthesize,
/// no PII, not an identifier, not free text) become numbers or category indices; nothing is read from the
/// other columns except, for identifiers and unclassified PII, the most common character-class shape.
/// </summary>
internal static class FeatureEncoder
{
    /// <summary>Distinct values are counted up to this many (enough to tell discrete from continuous).</summary>
    public const int DistinctCap = 1024;

    private const int ShapeScanLimit = 50_000;

    public static FeatureSet Build(Table data, TableSchema schema, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schema);
        schema.EnsureMatches(data);
        if (data.RowCount == 0)
        {
            throw new SynthVaultException("The training table has no rows, so there is nothing to learn.", hint: "Fit on a table with at least one row.");
        }

        var specs = new List<FeatureSpec>();
        var encoded = new List<EncodedColumn>();
        var others = new List<PassThroughSpec>();
        foreach (var cs in schema.Columns)
        {
            ct.ThrowIfCancellationRequested();
            var column = data[cs.Name];
            if (IsLearned(cs))
            {
                var (spec, values) = EncodeLearnable(cs, column);
                specs.Add(spec);
                encoded.Add(values);
            }
            else
            {
                others.Add(PlanPassThrough(cs, column));
            }
        }

        return new FeatureSet([.. specs], [.. encoded], [.. others], data.RowCount);
    }

    /// <summary>True when the column's values are learned; free text is left to the LLM step.</summary>
    public static bool IsLearned(ColumnSchema column) => column.IsLearnable && column.Kind != ColumnKind.Text;

    public static bool IsCategoricalKind(ColumnKind kind) => kind is ColumnKind.Categorical or ColumnKind.Boolean;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (FeatureSpec, EncodedColumn) EncodeLearnable(ColumnSchema cs, Column column)
    {
        var spec = new FeatureSpec { Name = cs.Name, Kind = cs.Kind, DataType = cs.DataType };
        if (column is DecimalColumn dec)
        {
            spec.DecimalPrecision = dec.Precision;
            spec.DecimalScale = dec.Scale;
        }

        if (IsCategoricalKind(cs.Kind))
        {
            spec.IsCategorical = true;
            return (spec, new EncodedColumn(null, EncodeCategories(spec, column)));
        }

        if (!column.IsNumeric)
        {
            throw new SynthVaultException(
                $"The column is marked {cs.Kind} but holds {column.DataType} values, which have no numeric reading.",
                column: cs.Name,
                hint: "Mark it Categorical (or Text) in synthvault.json, or convert its values to numbers.");
        }

        var values = column.ToDoubles();
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        var nulls = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                nulls++;
                continue;
            }

            if (double.IsInfinity(v))
            {
                throw new SynthVaultException("The column holds an infinite value, which cannot be modelled.", column: cs.Name, hint: "Replace infinities by missing values or finite bounds.");
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        spec.NullRate = nulls / (double)values.Length;
        spec.Min = nulls == values.Length ? double.NaN : min;
        spec.Max = nulls == values.Length ? double.NaN : max;
        spec.RoundToInteger = cs.Kind == ColumnKind.Integer || column.DataType == DataType.Int64;
        spec.RoundToDays = column.DataType == DataType.Date;
        spec.DistinctCount = CountDistinct(values);
        return (spec, new EncodedColumn(values, null));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CountDistinct(double[] values)
    {
        var seen = new HashSet<double>();
        foreach (var v in values)
        {
            if (!double.IsNaN(v) && seen.Add(v) && seen.Count >= DistinctCap)
            {
                break;
            }
        }

        return seen.Count;
    }

    /// <summary>Category indices by descending frequency; the missing value is a category of its own.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] EncodeCategories(FeatureSpec spec, Column column)
    {
        var n = column.Length;
        var keys = new List<string?>();
        var rawCodes = new int[n];
        if (column is StringColumn s)
        {
            var dict = s.Dictionary;
            var map = new int[dict.Count];
            Array.Fill(map, -1);
            var nullCode = -1;
            var codes = s.Codes;
            for (var i = 0; i < n; i++)
            {
                var c = codes[i];
                if (c < 0)
                {
                    if (nullCode < 0)
                    {
                        nullCode = keys.Count;
                        keys.Add(null);
                    }

                    rawCodes[i] = nullCode;
                    continue;
                }

                if (map[c] < 0)
                {
                    map[c] = keys.Count;
                    keys.Add(dict[c]);
                }

                rawCodes[i] = map[c];
            }
        }
        else
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var nullCode = -1;
            for (var i = 0; i < n; i++)
            {
                if (column.IsNull(i))
                {
                    if (nullCode < 0)
                    {
                        nullCode = keys.Count;
                        keys.Add(null);
                    }

                    rawCodes[i] = nullCode;
                    continue;
                }

                var key = KeyOf(column, i);
                if (!index.TryGetValue(key, out var code))
                {
                    code = keys.Count;
                    index.Add(key, code);
                    keys.Add(key);
                }

                rawCodes[i] = code;
            }
        }

        var counts = new long[keys.Count];
        foreach (var c in rawCodes)
        {
            counts[c]++;
        }

        // Descending frequency (SDV's frequency encoding orders categories the same way), ties broken by the
        // key so the order never depends on row order; the missing category sorts after equal-count values.
        var order = Enumerable.Range(0, keys.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byCount = counts[b].CompareTo(counts[a]);
            if (byCount != 0)
            {
                return byCount;
            }

            if (keys[a] is null || keys[b] is null)
            {
                return keys[a] is null ? (keys[b] is null ? 0 : 1) : -1;
            }

            return string.CompareOrdinal(keys[a], keys[b]);
        });
        var rank = new int[keys.Count];
        for (var r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        for (var i = 0; i < n; i++)
        {
            rawCodes[i] = rank[rawCodes[i]];
        }

        spec.Categories = [.. order.Select(o => keys[o])];
        spec.Frequencies = [.. order.Select(o => counts[o] / (double)n)];
        spec.NullRate = spec.NullCategory >= 0 ? spec.Frequencies[spec.NullCategory] : 0;
        return rawCodes;
    }

    /// <summary>The invariant text key of a non-string value; <see cref="OutputBuilder"/> reads it back.</summary>
    public static string KeyOf(Column column, int row) => column switch
    {
        Int64Column c => c[row].ToString(CultureInfo.InvariantCulture),
        BooleanColumn c => c[row] ? "true" : "false",
        Float64Column c => c[row].ToString("R", CultureInfo.InvariantCulture),
        DecimalColumn c => c[row].ToString(CultureInfo.InvariantCulture),
        DateTimeColumn c => c.Ticks[row].ToString(CultureInfo.InvariantCulture),
        StringColumn c => c[row] ?? string.Empty,
        _ => throw new InvalidOperationException($"Unsupported column type {column.GetType().Name}."),
    };

    private static PassThroughSpec PlanPassThrough(ColumnSchema cs, Column column)
    {
        var spec = new PassThroughSpec { Name = cs.Name, Kind = cs.Kind, DataType = cs.DataType, Pii = cs.Pii };
        if (column is DecimalColumn dec)
        {
            spec.DecimalPrecision = dec.Precision;
            spec.DecimalScale = dec.Scale;
        }

        spec.Action = cs.Policy switch
        {
            ColumnPolicy.Drop => PassThroughAction.Drop,
            ColumnPolicy.Regenerate => PassThroughAction.Regenerate,
            ColumnPolicy.Surrogate => PassThroughAction.Surrogate,
            // Synthesize was asked for but the column may not be learned: PII is never learned, so it gets
            // surrogates; identifiers get fresh keys; free text is left for the LLM step.
            _ when cs.Pii != PiiKind.None => PassThroughAction.Surrogate,
            _ when cs.Kind == ColumnKind.Identifier => PassThroughAction.Regenerate,
            _ => PassThroughAction.EmptyText,
        };

        var needsShape = spec.Action == PassThroughAction.Regenerate
            || (spec.Action == PassThroughAction.Surrogate && cs.Pii is PiiKind.Other or PiiKind.IpAddress or PiiKind.None);
        if (needsShape && column is StringColumn strings)
        {
            spec.Shape = ModalShape(strings);
        }

        return spec;
    }

    /// <summary>The most common character-class pattern among the first values (format only, no content).</summary>
    internal static string? ModalShape(StringColumn column)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = 0;
        Span<char> buffer = stackalloc char[64];
        for (var i = 0; i < column.Length && seen < ShapeScanLimit; i++)
        {
            var value = column[i];
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            seen++;
            var len = Math.Min(value.Length, buffer.Length);
            for (var j = 0; j < len; j++)
            {
                buffer[j] = ShapeOf(value[j]);
            }

            var shape = new string(buffer[..len]);
            counts[shape] = counts.GetValueOrDefault(shape) + 1;
        }

        return counts.Count == 0
            ? null
            : counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
    }

    private static char ShapeOf(char ch) => ch switch
    {
        >= '0' and <= '9' => 'd',
        >= 'A' and <= 'Z' => 'A',
        >= 'a' and <= 'z' => 'a',
        '-' or '_' or '.' or ':' or '/' or '@' or ' ' or '+' or '(' or ')' or '#' => ch,
        _ => 'x',
    };
}
