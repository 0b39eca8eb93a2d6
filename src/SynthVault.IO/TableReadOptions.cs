using SynthVault.Core.Data;

namespace SynthVault.IO;

/// <summary>How CSV quotes are read.</summary>
public enum CsvQuoting
{
    /// <summary>
    /// RFC 4180 quoting. Only for tab-separated files: when the first megabyte breaks RFC 4180 quoting (a field that
    /// starts with a quote and has text after the closing quote, or a quote never closed) while reading quotes
    /// literally gives a regular table, quotes are read literally and a warning says so. Tab-separated exports often
    /// look like that; in comma files a broken quote stays an error.
    /// </summary>
    Auto,

    /// <summary>RFC 4180: a field may be wrapped in double quotes; a doubled quote inside is one quote.</summary>
    Rfc4180,

    /// <summary>Quotes are ordinary characters; fields cannot hold the delimiter or a line break.</summary>
    None,
}

/// <summary>
/// Options for <see cref="TableFile.Read"/>. The defaults detect delimiter, header and quoting from the file
/// and infer column types from every value. Parquet files carry their own types; only CSV uses these options.
/// </summary>
public sealed record TableReadOptions
{
    /// <summary>
    /// The tokens that mean "missing" in CSV, besides an empty unquoted field. They only apply to columns whose
    /// other values are numbers, booleans or dates: in a text column "NA" may be a real value (a country code, an
    /// answer), so it is kept as text unless <see cref="NullTokensInTextAreMissing"/> is set, and a warning counts it.
    /// </summary>
    public static IReadOnlyList<string> DefaultNullTokens { get; } = ["NA", "N/A", "n/a", "#N/A", "NULL", "null", "Null", "<NA>", "None"];

    /// <summary>The defaults.</summary>
    public static TableReadOptions Default { get; } = new();

    /// <summary>The CSV field delimiter; null detects it among comma, semicolon, tab and pipe.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Whether the first CSV row holds column names; null detects it.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>How quotes are read.</summary>
    public CsvQuoting Quoting { get; init; } = CsvQuoting.Auto;

    /// <summary>Tokens read as missing in non-text columns (matched exactly, case-sensitive).</summary>
    public IReadOnlyList<string> NullTokens { get; init; } = DefaultNullTokens;

    /// <summary>When true, <see cref="NullTokens"/> are missing in text columns too.</summary>
    public bool NullTokensInTextAreMissing { get; init; }

    /// <summary>
    /// Types to use instead of inference, by column name (for example from a saved schema). A CSV value that does
    /// not parse as the given type is an error naming its row and column. Columns not named here are inferred.
    /// </summary>
    public IReadOnlyDictionary<string, DataType>? ColumnTypes { get; init; }
}

/// <summary>The compression codec for Parquet output.</summary>
public enum ParquetCompression
{
    /// <summary>Snappy: fast, moderate ratio; what most tools write by default.</summary>
    Snappy,

    /// <summary>Zstandard: better ratio at similar read speed.</summary>
    Zstd,

    /// <summary>Gzip: widest support among old readers, slowest.</summary>
    Gzip,

    /// <summary>No compression.</summary>
    None,
}

/// <summary>Options for <see cref="TableFile.Write"/>.</summary>
public sealed record TableWriteOptions
{
    /// <summary>The defaults.</summary>
    public static TableWriteOptions Default { get; } = new();

    /// <summary>The CSV delimiter; null writes a tab for .tsv and a comma otherwise.</summary>
    public char? Delimiter { get; init; }

    /// <summary>The Parquet compression codec.</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>
    /// Rows per Parquet row group. 250,000 rows keeps the writer's buffers small (a few tens of MB for 20
    /// columns) while giving readers large enough chunks; DuckDB uses 122,880, Spark about 128 MB.
    /// </summary>
    public int RowGroupSize { get; init; } = 250_000;
}

/// <summary>A table read from a file, with the warnings a user should see and the format that was read.</summary>
/// <param name="Table">The typed table.</param>
/// <param name="Warnings">One line per thing the reader changed or guessed (never holding data values).</param>
/// <param name="Format">"csv" or "parquet".</param>
public sealed record TableReadResult(Table Table, IReadOnlyList<string> Warnings, string Format);
