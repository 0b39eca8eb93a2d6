using System.Globalization;
using System.Runtime.CompilerServices;
using SynthVault.Core.Data;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Pii;

namespace SynthVault.Synthesis.Internal;

/// <summary>
/// Turns sampled numbers and category indices back into typed columns in schema order, and fills the columns
/// that are never learned (surrogates, fresh identifiers, empty free text). Output types equal the schema's:
/// Int64 is rounded and kept within the observed bounds, dates fall on whole days, decimals keep their scale,
/// and category values come only from the training categories.
/// </summary>
internal static class OutputBuilder
{
    public static Table Assemble(TableSchema schema, FeatureSpec[] specs, EncodedColumn[] sampled, PassThroughSpec[] others, int rows, long seed, int maxDegreeOfParallelism)
    {
        var learned = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < specs.Length; i++)
        {
            learned[specs[i].Name] = i;
        }

        var passThrough = others.ToDictionary(o => o.Name, StringComparer.Ordinal);

        // Columns are decoded independently of each other (each from its own values and seed), so in parallel.
        var columns = new Column?[schema.Columns.Count];
        Parallel.For(0, columns.Length, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, c =>
        {
            var cs = schema.Columns[c];
            if (learned.TryGetValue(cs.Name, out var f))
            {
                var spec = specs[f];
                columns[c] = spec.IsCategorical ? DecodeCategories(spec, sampled[f].Codes!) : DecodeNumbers(spec, sampled[f].Values!);
                return;
            }

            var plan = passThrough[cs.Name];
            columns[c] = plan.Action switch
            {
                PassThroughAction.Drop => null,
                PassThroughAction.EmptyText => EmptyColumn(plan, rows),
                PassThroughAction.Regenerate => Identifiers.Generate(plan, rows, seed),
                _ => PiiSurrogates.Generate(plan, rows, seed, maxDegreeOfParallelism),
            };
        });

        return new Table(columns.OfType<Column>());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Column DecodeNumbers(FeatureSpec spec, double[] values)
    {
        var n = values.Length;
        bool[]? nulls = null;
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(values[i]))
            {
                nulls ??= new bool[n];
                nulls[i] = true;
            }
        }

        switch (spec.DataType)
        {
            case DataType.Int64:
            {
                var result = new long[n];
                for (var i = 0; i < n; i++)
                {
                    result[i] = double.IsNaN(values[i]) ? 0 : (long)Clamp(spec, Math.Round(values[i], MidpointRounding.AwayFromZero));
                }

                return new Int64Column(spec.Name, result, nulls);
            }

            case DataType.Decimal:
            {
                var result = new decimal[n];
                var lo = (decimal)spec.Min;
                var hi = (decimal)spec.Max;
                for (var i = 0; i < n; i++)
                {
                    if (!double.IsNaN(values[i]))
                    {
                        var d = Math.Round((decimal)Clamp(spec, values[i]), spec.DecimalScale, MidpointRounding.AwayFromZero);
                        result[i] = Math.Clamp(d, lo, hi);
                    }
                }

                return new DecimalColumn(spec.Name, result, spec.DecimalPrecision, spec.DecimalScale, nulls);
            }

            case DataType.Date or DataType.Timestamp or DataType.TimestampUtc:
            {
                var result = new long[n];
                for (var i = 0; i < n; i++)
                {
                    if (!double.IsNaN(values[i]))
                    {
                        var days = Clamp(spec, spec.RoundToDays ? Math.Round(values[i], MidpointRounding.AwayFromZero) : values[i]);
                        result[i] = TemporalScale.FromDays(days);
                    }
                }

                return new DateTimeColumn(spec.Name, spec.DataType, result, nulls);
            }

            case DataType.Boolean:
            {
                var result = new bool[n];
                for (var i = 0; i < n; i++)
                {
                    result[i] = !double.IsNaN(values[i]) && values[i] >= 0.5;
                }

                return new BooleanColumn(spec.Name, result, nulls);
            }

            default:
            {
                var result = new double[n];
                for (var i = 0; i < n; i++)
                {
                    var v = double.IsNaN(values[i]) ? 0 : Clamp(spec, spec.RoundToInteger ? Math.Round(values[i], MidpointRounding.AwayFromZero) : values[i]);
                    result[i] = v;
                }

                return new Float64Column(spec.Name, result, nulls);
            }
        }
    }

    /// <summary>Keeps a value within the observed bounds; rounding never leaves them because they are whole when rounding applies.</summary>
    private static double Clamp(FeatureSpec spec, double v) => Math.Clamp(v, spec.Min, spec.Max);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Column DecodeCategories(FeatureSpec spec, int[] codes)
    {
        var n = codes.Length;
        var cats = spec.Categories;
        if (spec.DataType == DataType.String)
        {
            // Dictionary = the non-missing categories, in model order; the missing category becomes code −1.
            var map = new int[cats.Length];
            var dictionary = new List<string>(cats.Length);
            for (var c = 0; c < cats.Length; c++)
            {
                if (cats[c] is null)
                {
                    map[c] = -1;
                }
                else
                {
                    map[c] = dictionary.Count;
                    dictionary.Add(cats[c]!);
                }
            }

            var result = new int[n];
            for (var i = 0; i < n; i++)
            {
                result[i] = map[codes[i]];
            }

            return new StringColumn(spec.Name, result, [.. dictionary]);
        }

        var nullCategory = spec.NullCategory;
        bool[]? nulls = null;
        if (nullCategory >= 0)
        {
            nulls = new bool[n];
            for (var i = 0; i < n; i++)
            {
                nulls[i] = codes[i] == nullCategory;
            }
        }

        switch (spec.DataType)
        {
            case DataType.Int64:
                return new Int64Column(spec.Name, Map(cats, codes, k => long.Parse(k, CultureInfo.InvariantCulture)), nulls);
            case DataType.Boolean:
                return new BooleanColumn(spec.Name, Map(cats, codes, k => k == "true"), nulls);
            case DataType.Decimal:
                return new DecimalColumn(spec.Name, Map(cats, codes, k => decimal.Parse(k, CultureInfo.InvariantCulture)), spec.DecimalPrecision, spec.DecimalScale, nulls);
            case DataType.Date or DataType.Timestamp or DataType.TimestampUtc:
                return new DateTimeColumn(spec.Name, spec.DataType, Map(cats, codes, k => long.Parse(k, CultureInfo.InvariantCulture)), nulls);
            default:
                return new Float64Column(spec.Name, Map(cats, codes, k => double.Parse(k, CultureInfo.InvariantCulture)), nulls);
        }
    }

    private static T[] Map<T>(string?[] categories, int[] codes, Func<string, T> parse)
    {
        var lookup = new T[categories.Length];
        for (var c = 0; c < categories.Length; c++)
        {
            lookup[c] = categories[c] is { } key ? parse(key) : default!;
        }

        var result = new T[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            result[i] = lookup[codes[i]];
        }

        return result;
    }

    private static Column EmptyColumn(PassThroughSpec plan, int rows)
    {
        var nulls = new bool[rows];
        Array.Fill(nulls, true);
        return plan.DataType switch
        {
            DataType.String => new StringColumn(plan.Name, Filled(rows, -1), []),
            DataType.Int64 => new Int64Column(plan.Name, new long[rows], nulls),
            DataType.Boolean => new BooleanColumn(plan.Name, new bool[rows], nulls),
            DataType.Decimal => new DecimalColumn(plan.Name, new decimal[rows], plan.DecimalPrecision, plan.DecimalScale, nulls),
            DataType.Date or DataType.Timestamp or DataType.TimestampUtc => new DateTimeColumn(plan.Name, plan.DataType, new long[rows], nulls),
            _ => new Float64Column(plan.Name, new double[rows], nulls),
        };
    }

    internal static int[] Filled(int rows, int value)
    {
        var result = new int[rows];
        Array.Fill(result, value);
        return result;
    }
}
