using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SynthVault.Llm.Generation;

namespace SynthVault.Llm.TextLoop;

/// <summary>What the judge was asked about: the text and what it should be.</summary>
/// <param name="Text">The candidate.</param>
/// <param name="Label">The label it was generated for, or null.</param>
/// <param name="Fields">The attribute values it was generated for.</param>
public sealed record JudgeInput(string Text, string? Label, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The hard-case kind the text was asked to be (hard mode), or null.</summary>
    public string? HardKind { get; init; }

    /// <summary>The class a hard case is set against, or null.</summary>
    public string? Contrast { get; init; }
}

/// <summary>The judge's answer.</summary>
/// <param name="Valid">False when the answer was not the JSON asked for (the candidate is then rejected).</param>
/// <param name="Score">Realism and fit, 1 (nonsense) to 5 (reads like a real one).</param>
/// <param name="LabelFits">Whether the text fits its label.</param>
/// <param name="Reason">The judge's short reason.</param>
/// <param name="PromptTokens">Tokens the judge read.</param>
/// <param name="OutputTokens">Tokens the judge wrote.</param>
public sealed record JudgeVerdict(bool Valid, int Score, bool LabelFits, string Reason, int PromptTokens, int OutputTokens);

/// <summary>
/// An LLM judge with a fixed rubric: realism and label fit on a 1–5 scale, answered as JSON through the grammar
/// (reason first, so the score follows from it), decoded greedily so that the same text gets the same verdict.
/// A different model than the generator is the stronger check: a model tends to rate its own phrasing as natural
/// (Panickssery et al. 2024, "LLM evaluators recognize and favor their own generations").
/// </summary>
public sealed class LlmJudge
{
    /// <summary>Marks the start of the judged text in the prompt.</summary>
    public const string TextStart = "<text>";

    /// <summary>Marks its end.</summary>
    public const string TextEnd = "</text>";

    /// <summary>The schema of the verdict.</summary>
    public const string Schema = """
        {"type":"object","properties":{"reason":{"type":"string","maxLength":160},"score":{"type":"integer","minimum":1,"maximum":5},"labelFits":{"type":"boolean"}},"required":["reason","score","labelFits"],"additionalProperties":false}
        """;

    private readonly ITextGenerator generator;
    private readonly string? domain;
    private readonly int maxTokens;

    /// <summary>A judge that asks <paramref name="generator"/>.</summary>
    public LlmJudge(ITextGenerator generator, string? domain = null, int maxTokens = 128)
    {
        ArgumentNullException.ThrowIfNull(generator);
        this.generator = generator;
        this.domain = domain;
        this.maxTokens = maxTokens;
    }

    /// <summary>Judges every input in one batched call.</summary>
    public async Task<IReadOnlyList<JudgeVerdict>> JudgeAsync(IReadOnlyList<JudgeInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            return [];
        }

        var requests = inputs.Select(i => new GenerationRequest
        {
            Messages = Messages(i),
            Sampler = new SamplerOptions { Temperature = 0, Seed = 1 },
            MaxTokens = maxTokens,
            JsonSchema = Schema,
        }).ToList();
        var results = await generator.GenerateAsync(requests, cancellationToken).ConfigureAwait(false);
        return [.. results.Select(Parse)];
    }

    /// <summary>The judge prompt for one input.</summary>
    public IReadOnlyList<ChatMessage> Messages(JudgeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var what = string.IsNullOrWhiteSpace(domain) ? "texts" : domain.Trim();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"You judge synthetic {what} for a dataset.\n");
        sb.Append(TextStart).Append(Prompts.OneLine(input.Text)).Append(TextEnd).Append('\n');
        if (input.Label is not null)
        {
            sb.Append("Intended label: \"").Append(input.Label).Append("\".\n");
            if (input.HardKind is not null && input.Contrast is not null)
            {
                sb.Append(HardCases.JudgeNote(input.HardKind, input.Label, input.Contrast)).Append('\n');
            }
        }

        if (input.Fields.Count > 0)
        {
            sb.Append("Intended attributes: ").Append(string.Join(", ", input.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"))).Append(".\n");
        }

        sb.Append("Rubric: 5 = reads like a real one and clearly fits; 4 = realistic with small flaws; 3 = plausible but generic or slightly off; ");
        sb.Append("2 = unnatural, contradictory or a template; 1 = nonsense, the wrong label, or not one of these texts at all. ");
        sb.Append("Placeholders such as [NAME] or [PHONE] are expected and are not flaws.\n");
        sb.Append("Reply in JSON with a short reason, the score and whether the label fits.");
        return [new ChatMessage(ChatRole.User, sb.ToString())];
    }

    private static JudgeVerdict Parse(GenerationResult result)
    {
        var json = Prompts.ExtractObject(result.Text);
        if (json is not null)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number && score.TryGetInt32(out var s) && s is >= 1 and <= 5)
                {
                    var fits = !root.TryGetProperty("labelFits", out var f) || f.ValueKind != JsonValueKind.False;
                    var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? "" : "";
                    return new JudgeVerdict(true, s, fits, reason, result.PromptTokens, result.GeneratedTokens);
                }
            }
            catch (JsonException)
            {
                // Not JSON: reported as an invalid verdict below.
            }
        }

        return new JudgeVerdict(false, 0, false, "the judge's answer was not the JSON asked for", result.PromptTokens, result.GeneratedTokens);
    }
}
