using SynthVault.Core.Pii;

namespace SynthVault.Core.Profiling;

/// <summary>Settings of <see cref="Profiler.Profile"/>; the defaults suit tables up to tens of millions of rows.</summary>
public sealed record ProfilerOptions
{
    /// <summary>The defaults.</summary>
    public static ProfilerOptions Default { get; } = new();

    /// <summary>Look for personal data in names and values (on by default; off only for data known to hold none).</summary>
    public bool DetectPii { get; init; } = true;

    /// <summary>Values per column the PII detector checks (evenly spaced over the column).</summary>
    public int PiiSampleSize { get; init; } = PiiDetector.DefaultSampleSize;

    /// <summary>Most frequent categories listed per categorical or boolean column.</summary>
    public int TopCategoryCount { get; init; } = 10;

    /// <summary>Distinct example values shown per column (masked where the column is PII, text or an identifier).</summary>
    public int SampleCount { get; init; } = 5;

    /// <summary>
    /// Non-null values per numeric or date column up to which distinct counts and quantiles are exact (from a
    /// sorted copy). Above it, distinct values are counted exactly while fewer than
    /// <see cref="ExactDistinctFallbackLimit"/>, otherwise estimated by HyperLogLog (±0.8 % standard error), and
    /// quantiles come from an evenly spaced sample of <see cref="QuantileSampleSize"/> values.
    /// </summary>
    public int ExactStatisticsLimit { get; init; } = 5_000_000;

    /// <summary>Above <see cref="ExactStatisticsLimit"/>: distinct counts are exact (hash counting) while the estimate stays below this.</summary>
    public int ExactDistinctFallbackLimit { get; init; } = 100_000;

    /// <summary>Values sorted for quantiles above <see cref="ExactStatisticsLimit"/>.</summary>
    public int QuantileSampleSize { get; init; } = 1_000_000;

    /// <summary>Columns profiled at once; -1 uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>A string column is categorical while its distinct count is at most max(this, <see cref="CategoricalMaxFraction"/> × non-null values).</summary>
    public int CategoricalMinDistinct { get; init; } = 50;

    /// <summary>See <see cref="CategoricalMinDistinct"/>.</summary>
    public double CategoricalMaxFraction { get; init; } = 0.05;

    /// <summary>An integer column named like a code (status, type, grade, ...) is categorical up to this many distinct values.</summary>
    public int IntegerCategoricalMaxDistinct { get; init; } = 20;

    /// <summary>Strings averaging at least this many characters (with enough distinct values) are free text.</summary>
    public double TextMinMeanLength { get; init; } = 40;

    /// <summary>Strings averaging at least this many whitespace-separated words (with enough distinct values) are free text.</summary>
    public double TextMinMeanWords { get; init; } = 5;

    /// <summary>Share of distinct values among non-null values at or above which short, space-free strings are identifiers.</summary>
    public double IdentifierMinDistinctRatio { get; init; } = 0.99;

    /// <summary>Fewest non-null values before a column may be called an identifier from its values alone (tiny tables are all-distinct by chance).</summary>
    public int IdentifierMinRows { get; init; } = 20;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PiiSampleSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(TopCategoryCount);
        ArgumentOutOfRangeException.ThrowIfNegative(SampleCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(ExactStatisticsLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(QuantileSampleSize, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(CategoricalMinDistinct, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(CategoricalMaxFraction);
        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use -1 for all cores or a positive number.");
        }
    }
}
