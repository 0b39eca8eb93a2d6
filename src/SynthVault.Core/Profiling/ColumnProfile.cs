using System.Text.Json.Serialization;
using SynthVault.Core.Data;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Profiling;

/// <summary>The 1st, 5th, 25th, 50th, 75th, 95th and 99th percentiles (linear interpolation between order statistics, numpy's default "type 7").</summary>
public sealed record QuantileSet(double P1, double P5, double P25, double P50, double P75, double P95, double P99)
{
    /// <summary>The levels, in the order of the properties.</summary>
    public static IReadOnlyList<double> Levels { get; } = [0.01, 0.05, 0.25, 0.50, 0.75, 0.95, 0.99];

    /// <summary>The values, in the order of <see cref="Levels"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<double> Values => [P1, P5, P25, P50, P75, P95, P99];
}

/// <summary>A category and how many rows hold it. For personal-data columns the value is masked.</summary>
public sealed record CategoryCount(string Value, long Count);

/// <summary>
/// What the profiler found about one column. Numbers describe non-null values. For date and timestamp
/// columns, Min/Max/Mean/Std/quantiles are in days since 0001-01-01 (<see cref="TemporalScale"/>); use
/// <see cref="FormatStatistic"/> to show them as dates. For personal-data columns min, max and quantiles are
/// withheld (they are real values), categories and samples are masked.
/// </summary>
public sealed record ColumnProfile
{
    public required string Name { get; init; }

    public required DataType DataType { get; init; }

    /// <summary>The inferred kind; see <see cref="Profiler"/> for the rules.</summary>
    public required ColumnKind Kind { get; init; }

    public PiiKind Pii { get; init; }

    /// <summary>0 when <see cref="Pii"/> is None; otherwise how sure the detector is (0–1).</summary>
    public double PiiConfidence { get; init; }

    public ColumnRole Role { get; init; }

    /// <summary><see cref="ColumnSchema.DefaultPolicy"/> of kind and PII kind, or Drop for a column with no values.</summary>
    public ColumnPolicy Policy { get; init; }

    /// <summary>Non-null values.</summary>
    public long Count { get; init; }

    /// <summary>Missing values (for floating-point columns NaN counts as missing).</summary>
    public long NullCount { get; init; }

    /// <summary>Distinct non-null values; exact when <see cref="DistinctIsExact"/>, else a HyperLogLog estimate (±0.8 %).</summary>
    public long DistinctCount { get; init; }

    public bool DistinctIsExact { get; init; } = true;

    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? Mean { get; init; }

    /// <summary>Sample standard deviation (n − 1 in the denominator, as pandas' describe).</summary>
    public double? Std { get; init; }

    public QuantileSet? Quantiles { get; init; }

    /// <summary>False when the quantiles come from an evenly spaced sample of a very large column.</summary>
    public bool QuantilesAreExact { get; init; } = true;

    /// <summary>Mean length in characters of string values (per row), else null.</summary>
    public double? MeanLength { get; init; }

    /// <summary>Most frequent values of a categorical or boolean column, most frequent first; masked for PII columns.</summary>
    public IReadOnlyList<CategoryCount> TopCategories { get; init; } = [];

    /// <summary>A few distinct example values, masked for PII, text and identifier columns: never a full real personal value.</summary>
    public IReadOnlyList<string> MaskedSamples { get; init; } = [];

    /// <summary>Why the kind, PII kind and role were chosen, and anything odd about the column.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when no value is present.</summary>
    [JsonIgnore]
    public bool IsAllNull => Count == 0;

    /// <summary>This column's entry in the schema.</summary>
    public ColumnSchema ToSchema() => new(Name, Kind, DataType, Pii, Role, Policy);

    /// <summary>A statistic as text: a date for date columns, a timestamp for timestamp columns, else a number.</summary>
    public string FormatStatistic(double value) => ProfileFormat.Statistic(DataType, value);
}
