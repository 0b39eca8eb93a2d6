using SynthVault.Core.Errors;

namespace SynthVault.App.Text;

/// <summary>
/// Which column (or JSON key) of a text file holds the text and which the label: the one the user named, else the
/// first of the usual names. Shared by seed files and labelled text files so both read the same files alike.
/// </summary>
internal static class TextColumnNames
{
    public static readonly string[] Text = ["text", "message", "sms", "body", "content", "description", "ticket", "memo"];

    public static readonly string[] Label = ["label", "category", "class", "intent", "topic", "type"];

    /// <summary>
    /// <paramref name="chosen"/> when it is a column (an error naming <paramref name="option"/> when not), else the
    /// first column matching one of <paramref name="names"/> (case-insensitive), else null.
    /// </summary>
    public static string? Pick(string? chosen, string[] names, IReadOnlyList<string> columns, string option, string path, string role)
    {
        if (chosen is not null)
        {
            return columns.Contains(chosen, StringComparer.Ordinal)
                ? chosen
                : throw new SynthVaultException($"{option} '{chosen}' is not a column of the {role} file.", file: path, column: chosen, hint: "Columns: " + string.Join(", ", columns));
        }

        foreach (var name in names)
        {
            var match = columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }
}
