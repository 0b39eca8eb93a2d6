using SynthVault.Core.Data;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Internal;

/// <summary>
/// What a synthesizer learned about one learnable column, independent of the method: its storage, whether it
/// is modelled as categories or as a number, observed bounds and null rate (numbers), and the categories with
/// their frequencies (categories). Serialised into model files, so it holds no row-level data.
/// </summary>
internal sealed class FeatureSpec
{
    public string Name { get; set; } = string.Empty;

    public ColumnKind Kind { get; set; }

    public DataType DataType { get; set; }

    public bool IsCategorical { get; set; }

    /// <summary>Smallest observed value (numbers); NaN when every value is missing.</summary>
    public double Min { get; set; } = double.NaN;

    /// <summary>Largest observed value (numbers); NaN when every value is missing.</summary>
    public double Max { get; set; } = double.NaN;

    /// <summary>True when output is rounded to whole numbers (Integer kind or Int64 storage).</summary>
    public bool RoundToInteger { get; set; }

    /// <summary>True when output is rounded to whole days (Date storage).</summary>
    public bool RoundToDays { get; set; }

    public int DecimalPrecision { get; set; }

    public int DecimalScale { get; set; }

    /// <summary>Share of missing values (numbers; for categories the missing value is a category of its own).</summary>
    public double NullRate { get; set; }

    /// <summary>Distinct non-missing values (numbers), counted up to <see cref="FeatureEncoder.DistinctCap"/>.</summary>
    public int DistinctCount { get; set; }

    /// <summary>
    /// Category keys ordered by descending frequency (ties: ordinal order of the key), the missing value as a
    /// null entry. Keys are invariant-culture text of the stored value (ticks for dates), see <see cref="FeatureEncoder"/>.
    /// </summary>
    public string?[] Categories { get; set; } = [];

    /// <summary>Relative frequency of each entry of <see cref="Categories"/>.</summary>
    public double[] Frequencies { get; set; } = [];

    /// <summary>Index of the missing category, or −1.</summary>
    public int NullCategory => Array.IndexOf(Categories, null);

    public bool AllNull => IsCategorical ? Categories.Length == 1 && Categories[0] is null : double.IsNaN(Min);
}

/// <summary>A learnable column's training values: numbers (NaN = missing) or category indices.</summary>
internal readonly record struct EncodedColumn(double[]? Values, int[]? Codes);

/// <summary>
/// What happens to a column that is not learned: dropped, left empty (free text for the LLM step), filled with
/// format-preserving surrogates (PII) or with fresh unique identifiers. <see cref="Shape"/> is a character-class
/// pattern (d = digit, A = upper, a = lower, other characters literal separators) of the most common value shape,
/// which describes the format only, never a value.
/// </summary>
internal sealed class PassThroughSpec
{
    public string Name { get; set; } = string.Empty;

    public ColumnKind Kind { get; set; }

    public DataType DataType { get; set; }

    public PiiKind Pii { get; set; }

    public PassThroughAction Action { get; set; }

    public string? Shape { get; set; }

    public int DecimalPrecision { get; set; } = 18;

    public int DecimalScale { get; set; }
}

internal enum PassThroughAction
{
    /// <summary>Left out of the output.</summary>
    Drop,

    /// <summary>Free text: kept in the output as missing values, to be written by the LLM text step.</summary>
    EmptyText,

    /// <summary>Format-preserving fake values.</summary>
    Surrogate,

    /// <summary>Fresh unique identifiers of the same shape.</summary>
    Regenerate,
}
