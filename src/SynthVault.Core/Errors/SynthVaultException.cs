using System.Globalization;
using System.Text;

namespace SynthVault.Core.Errors;

/// <summary>
/// The one exception type for problems a user can fix: bad input, impossible settings, missing files.
/// It says what went wrong, where (file, column, row) and what to do; the CLI prints it in one or two
/// lines with exit code 1. Anything else escaping the engine is a bug (exit code 2).
/// </summary>
public sealed class SynthVaultException : Exception
{
    public SynthVaultException(string problem, string? file = null, string? column = null, long? row = null, string? hint = null, Exception? inner = null)
        : base(Compose(problem, file, column, row, hint), inner)
    {
        Problem = problem;
        File = file;
        Column = column;
        Row = row;
        Hint = hint;
    }

    public SynthVaultException()
        : this("An unspecified problem occurred.")
    {
    }

    public SynthVaultException(string message)
        : this(message, file: null)
    {
    }

    public SynthVaultException(string message, Exception innerException)
        : this(message, file: null, inner: innerException)
    {
    }

    /// <summary>What went wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The file involved, as the user named it.</summary>
    public string? File { get; }

    /// <summary>The column involved.</summary>
    public string? Column { get; }

    /// <summary>The 1-based data row involved (header excluded), where known.</summary>
    public long? Row { get; }

    /// <summary>What the user can do about it.</summary>
    public string? Hint { get; }

    /// <summary>Returns a copy that names the file, for errors raised below the layer that knows it.</summary>
    public SynthVaultException WithFile(string file) =>
        File is null ? new SynthVaultException(Problem, file, Column, Row, Hint, this) : this;

    private static string Compose(string problem, string? file, string? column, long? row, string? hint)
    {
        var sb = new StringBuilder();
        if (file is not null)
        {
            sb.Append(Path.GetFileName(file));
        }

        if (row is not null)
        {
            sb.Append(sb.Length > 0 ? ", " : string.Empty).Append("row ").Append(row.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (column is not null)
        {
            sb.Append(sb.Length > 0 ? ", " : string.Empty).Append("column '").Append(column).Append('\'');
        }

        if (sb.Length > 0)
        {
            sb.Append(": ");
        }

        sb.Append(problem);
        if (hint is not null)
        {
            sb.Append(' ').Append(hint);
        }

        return sb.ToString();
    }
}
