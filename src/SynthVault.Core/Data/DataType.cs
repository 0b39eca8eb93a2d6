namespace SynthVault.Core.Data;

/// <summary>How a column's values are stored (its physical type), independent of what they mean.</summary>
public enum DataType
{
    /// <summary>64-bit floating point.</summary>
    Float64,

    /// <summary>64-bit signed integer.</summary>
    Int64,

    /// <summary>true/false.</summary>
    Boolean,

    /// <summary>A calendar date without time of day.</summary>
    Date,

    /// <summary>A date and time without a time zone (wall clock).</summary>
    Timestamp,

    /// <summary>An instant: a date and time adjusted to UTC.</summary>
    TimestampUtc,

    /// <summary>An exact decimal number with a fixed scale.</summary>
    Decimal,

    /// <summary>Text, dictionary-encoded (categories and free text alike).</summary>
    String,
}
