using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Pii;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Profiling;

/// <summary>What kind inference looks at: a column's storage type, name and value statistics.</summary>
internal sealed record ColumnFacts
{
    public required string Name { get; init; }

    public required DataType DataType { get; init; }

    public long NonNull { get; init; }

    public long Distinct { get; init; }

    /// <summary>Numbers: exactly the two values 0 and 1.</summary>
    public bool ZeroOne { get; init; }

    public bool AllIntegral { get; init; }

    public bool StrictlyIncreasing { get; init; }

    /// <summary>Integers: all distinct and max − min + 1 = count (a permutation of a range, like row numbers).</summary>
    public bool GapFree { get; init; }

    public double MeanLength { get; init; }

    public double MeanWords { get; init; }

    /// <summary>Strings: share of values (per row) that contain whitespace.</summary>
    public double WhitespaceShare { get; init; }

    public double DistinctRatio => NonNull == 0 ? 0 : Distinct / (double)NonNull;
}

/// <summary>
/// The kind-inference rules (thresholds come from <see cref="ProfilerOptions"/>; defaults in brackets).
/// Checked in order, first match wins:
/// <list type="number">
/// <item>No values: the storage type's usual kind (String → Categorical); the profiler sets policy Drop.</item>
/// <item>Boolean storage → Boolean. Date/timestamp storage → DateTime.</item>
/// <item>Int64, Float64, Decimal with exactly the two values 0 and 1 → Boolean.</item>
/// <item>Int64 (or whole-number Float64/Decimal) that is all distinct, with [20]+ values, and either named like a key
///   (id, key, uuid, customer_id) or strictly increasing row by row or gap-free (a permutation of min..max) → Identifier.
///   A name hint alone suffices from 2 values on.</item>
/// <item>Int64 with 2 distinct values other than {0,1}, or ≤ [20] distinct values and a code-like name (status, type,
///   class, grade, code, ...) → Categorical. Otherwise Int64 → Integer (so age with ~70 values and education_num with
///   16 values stay Integer).</item>
/// <item>Float64 and Decimal → Continuous.</item>
/// <item>String with one distinct value → Categorical (constant).</item>
/// <item>String averaging ≥ [40] characters or ≥ [5] words, with ≥ 20 % distinct values or more distinct values than the
///   categorical limit → Text.</item>
/// <item>String with ≥ [20] values, ≥ [99 %] distinct (≥ 95 % when named like a key), ≤ 5 % of values containing
///   whitespace and mean length ≤ 64 → Identifier (ids, UUIDs, account codes).</item>
/// <item>String with distinct count ≤ max([50], [5 %] × non-null values) → Categorical.</item>
/// <item>Any other string (too many distinct values to be categories — a million distinct strings is never
///   Categorical): Text when values average ≥ 3 words or more than half contain whitespace, else Identifier.</item>
/// </list>
/// </summary>
internal static class KindRules
{
    public static (ColumnKind Kind, string Note) Infer(ColumnFacts f, ProfilerOptions o)
    {
        var inv = CultureInfo.InvariantCulture;
        if (f.NonNull == 0)
        {
            var empty = f.DataType switch
            {
                DataType.Boolean => ColumnKind.Boolean,
                DataType.Int64 => ColumnKind.Integer,
                DataType.Float64 or DataType.Decimal => ColumnKind.Continuous,
                DataType.Date or DataType.Timestamp or DataType.TimestampUtc => ColumnKind.DateTime,
                _ => ColumnKind.Categorical,
            };
            return (empty, $"all values missing → {empty} (storage type's default)");
        }

        switch (f.DataType)
        {
            case DataType.Boolean:
                return (ColumnKind.Boolean, "boolean storage → Boolean");
            case DataType.Date or DataType.Timestamp or DataType.TimestampUtc:
                return (ColumnKind.DateTime, $"{f.DataType} storage → DateTime");
            case DataType.Int64 or DataType.Float64 or DataType.Decimal:
                return InferNumber(f, o, inv);
            default:
                return InferString(f, o, inv);
        }
    }

    private static (ColumnKind, string) InferNumber(ColumnFacts f, ProfilerOptions o, CultureInfo inv)
    {
        var what = f.DataType == DataType.Int64 ? "integer" : "number";
        if (f.ZeroOne)
        {
            return (ColumnKind.Boolean, $"{what} with 2 distinct values {{0, 1}} → Boolean");
        }

        if (f.AllIntegral && f.Distinct == f.NonNull && f.NonNull >= 2)
        {
            var idHint = ColumnNameHints.IsIdentifierHint(f.Name, out var word);
            if (idHint)
            {
                return (ColumnKind.Identifier, $"name hint '{word}' + all {f.NonNull.ToString("N0", inv)} values distinct → Identifier");
            }

            if (f.NonNull >= o.IdentifierMinRows && f.DataType == DataType.Int64 && (f.StrictlyIncreasing || f.GapFree))
            {
                var how = f.StrictlyIncreasing ? "increasing row by row" : "a gap-free range";
                return (ColumnKind.Identifier, $"integer, all {f.NonNull.ToString("N0", inv)} values distinct and {how} → Identifier");
            }
        }

        if (f.DataType != DataType.Int64)
        {
            return (ColumnKind.Continuous, f.AllIntegral ? $"{what} → Continuous (all values are whole numbers)" : $"{what} → Continuous");
        }

        if (f.Distinct == 2)
        {
            return (ColumnKind.Categorical, "integer with 2 distinct values other than {0, 1} → Categorical (two codes)");
        }

        if (f.Distinct <= o.IntegerCategoricalMaxDistinct && f.Distinct > 1 && ColumnNameHints.IsCategoryCodeHint(f.Name, out var code))
        {
            return (ColumnKind.Categorical, $"integer with {f.Distinct} distinct values and name hint '{code}' → Categorical");
        }

        return (ColumnKind.Integer, $"integer with {f.Distinct.ToString("N0", inv)} distinct values → Integer");
    }

    private static (ColumnKind, string) InferString(ColumnFacts f, ProfilerOptions o, CultureInfo inv)
    {
        if (f.Distinct == 1)
        {
            return (ColumnKind.Categorical, "text with a single distinct value → Categorical (constant)");
        }

        var limit = CategoricalLimit(f.NonNull, o);
        var ratio = Percent.Of(f.DistinctRatio, 1);
        var shape = $"mean {f.MeanLength.ToString("F1", inv)} characters, {f.MeanWords.ToString("F1", inv)} words";
        var wordy = f.MeanLength >= o.TextMinMeanLength || f.MeanWords >= o.TextMinMeanWords;
        if (wordy && (f.DistinctRatio >= 0.2 || f.Distinct > limit))
        {
            return (ColumnKind.Text, $"text, {shape}, {ratio} distinct → Text");
        }

        var idHint = ColumnNameHints.IsIdentifierHint(f.Name, out var word);
        var unique = f.DistinctRatio >= o.IdentifierMinDistinctRatio || (idHint && f.DistinctRatio >= 0.95);
        if (unique && f.NonNull >= o.IdentifierMinRows && f.WhitespaceShare <= 0.05 && f.MeanLength <= 64)
        {
            return (ColumnKind.Identifier, idHint
                ? $"name hint '{word}' + {ratio} distinct, short values without spaces → Identifier"
                : $"text, {ratio} distinct, short values without spaces → Identifier");
        }

        if (f.Distinct <= limit)
        {
            return (ColumnKind.Categorical, $"text with {f.Distinct.ToString("N0", inv)} distinct values ≤ {limit.ToString("N0", inv)} (max({o.CategoricalMinDistinct}, {Percent.Of(o.CategoricalMaxFraction)} of values)) → Categorical");
        }

        var tooMany = $"{f.Distinct.ToString("N0", inv)} distinct values > categorical limit {limit.ToString("N0", inv)}";
        return f.MeanWords >= 3 || f.WhitespaceShare > 0.5
            ? (ColumnKind.Text, $"text, {tooMany}, {shape} → Text")
            : (ColumnKind.Identifier, $"text, {tooMany}, mostly without spaces → Identifier");
    }

    /// <summary>The most distinct values a string column may have and still be categorical.</summary>
    public static long CategoricalLimit(long nonNull, ProfilerOptions o) =>
        Math.Max(o.CategoricalMinDistinct, (long)Math.Floor(o.CategoricalMaxFraction * nonNull));
}
