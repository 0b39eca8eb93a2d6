using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SynthVault.Tui;

/// <summary>How the app writes names and numbers: enum values as in synthvault.json, numbers invariant.</summary>
internal static class TuiText
{
    /// <summary>
    /// A hot-key marker no text contains: views that show file or column names ("customer_id") set it, else
    /// Terminal.Gui would read the underscore as a hot-key marker and hide it.
    /// </summary>
    public static readonly Rune NoHotKey = new(0xFFFF);

    /// <summary>The camelCase name synthvault.json uses for an enum value ("dateTime", "usSsn").</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The names of every value of an enum, in declaration order.</summary>
    public static IReadOnlyList<string> Names<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(Name)];

    /// <summary>A metric with three decimals, or "-" when it is undefined.</summary>
    public static string Number(double? value, string format = "0.000") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    /// <summary>The first line of a message, for one-line error text.</summary>
    public static string FirstLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
