using System.Text.Json;
using SynthVault.Core.Errors;

namespace SynthVault.App.Text;

/// <summary>
/// A JSON Lines file as rows of text values (strings as they are, other values as their JSON text, null as null),
/// with the keys in first-seen order; blank lines are skipped. Shared by seed files and labelled text files.
/// </summary>
internal static class JsonLinesFile
{
    /// <summary>One object of the file and its 1-based line number (how JSON Lines files are read and edited).</summary>
    internal sealed record Line(int Number, Dictionary<string, string?> Values);

    /// <exception cref="SynthVaultException">A line that is not valid JSON or not an object (names the line).</exception>
    public static (List<string> Keys, List<Line> Lines) Read(string path)
    {
        var keys = new List<string>();
        var lines = new List<Line>();
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new SynthVaultException("each line must be a JSON object.", file: path, row: number);
                }

                var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var p in document.RootElement.EnumerateObject())
                {
                    if (!keys.Contains(p.Name))
                    {
                        keys.Add(p.Name);
                    }

                    values[p.Name] = p.Value.ValueKind switch
                    {
                        JsonValueKind.String => p.Value.GetString(),
                        JsonValueKind.Null => null,
                        _ => p.Value.GetRawText(),
                    };
                }

                lines.Add(new Line(number, values));
            }
            catch (JsonException ex)
            {
                throw new SynthVaultException($"line {number} is not valid JSON ({ex.Message}).", file: path, row: number, inner: ex);
            }
        }

        return (keys, lines);
    }
}
