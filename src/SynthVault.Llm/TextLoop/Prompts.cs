using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SynthVault.Llm.TextLoop;

/// <summary>
/// The generation prompt and its JSON Schema. The prompt shows scrubbed examples, names the label and attributes
/// wanted, and asks for N variations that differ in phrasing, tone and specifics; the schema (turned into a grammar
/// by the local runtime) makes the answer a JSON object whose "variations" array has exactly N texts within the
/// length limits.
/// </summary>
internal static class Prompts
{
    public static string GenerationSchema(int variations, int minChars, int maxChars) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"type":"object","properties":{"variations":{"type":"array","items":{"type":"object","properties":{"text":{"type":"string","minLength":{{{minChars}}},"maxLength":{{{maxChars}}}}},"required":["text"],"additionalProperties":false},"minItems":{{{variations}}},"maxItems":{{{variations}}}}},"required":["variations"],"additionalProperties":false}
        """);

    public static IReadOnlyList<ChatMessage> Generation(string? domain, GridCell cell, IReadOnlyList<PoolExample> examples, int variations)
    {
        var what = string.IsNullOrWhiteSpace(domain) ? "texts" : domain.Trim();
        var system = $"You write realistic, varied synthetic {what} for a dataset. Never copy an example. Never write real personal data: where a name, phone number, e-mail address, web address or account number belongs, write a placeholder such as [NAME], [PHONE], [EMAIL], [URL] or [NUMBER].";
        var user = new StringBuilder();
        AppendExamples(user, examples);
        if (cell.HardKind is { } kind)
        {
            // Hard mode: the intended label and the contrast class are both named, with the kind's instruction.
            user.Append(CultureInfo.InvariantCulture, $"Write {variations} new {what} with label \"{cell.Label}\" that are hard cases for a classifier telling \"{cell.Label}\" from \"{cell.Contrast}\": ");
            user.Append(HardCases.Instruction(kind, cell.Label!, cell.Contrast!));
            user.Append(CultureInfo.InvariantCulture, $" Each one must still clearly deserve the label \"{cell.Label}\" for a careful human reader. Make each one different from the examples and from each other. ");
            user.Append("Reply in JSON: {\"variations\": [{\"text\": \"...\"}]}.");
            return [new ChatMessage(ChatRole.System, system + " You also write hard test cases that probe where a classifier fails."), new ChatMessage(ChatRole.User, user.ToString())];
        }

        user.Append(CultureInfo.InvariantCulture, $"Write {variations} new {what}");
        var wanted = new List<string>();
        if (cell.Label is not null)
        {
            wanted.Add($"label \"{cell.Label}\"");
        }

        wanted.AddRange(cell.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} \"{f.Value}\""));
        if (wanted.Count > 0)
        {
            user.Append(" with ").Append(string.Join(" and ", wanted));
        }

        user.Append(". Make each one substantively different from the examples and from each other: vary the phrasing, the tone (formal, casual, urgent, friendly) and the specifics (situation, details, length). ");
        user.Append("Reply in JSON: {\"variations\": [{\"text\": \"...\"}]}.");
        return [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user.ToString())];
    }

    private static void AppendExamples(StringBuilder user, IReadOnlyList<PoolExample> examples)
    {
        if (examples.Count > 0)
        {
            user.Append("Examples:\n");
            foreach (var e in examples)
            {
                user.Append("- ");
                if (e.Label is not null)
                {
                    user.Append("(label: ").Append(e.Label).Append(") ");
                }

                user.Append(OneLine(e.Text)).Append('\n');
            }

            user.Append('\n');
        }
    }

    /// <summary>The texts of a generation answer; null when it is not the JSON asked for.</summary>
    public static IReadOnlyList<string?>? ParseVariations(string answer)
    {
        var json = ExtractObject(answer);
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("variations", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var texts = new List<string?>();
            foreach (var item in array.EnumerateArray())
            {
                texts.Add(item.ValueKind == JsonValueKind.Object && item.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null);
            }

            return texts;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The outermost {…} of an answer: a remote model may wrap the JSON in prose or a code fence.</summary>
    internal static string? ExtractObject(string answer)
    {
        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        return start >= 0 && end > start ? answer[start..(end + 1)] : null;
    }

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
