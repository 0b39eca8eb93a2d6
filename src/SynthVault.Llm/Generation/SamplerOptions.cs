using System.Globalization;
using SynthVault.Core.Errors;

namespace SynthVault.Llm.Generation;

/// <summary>
/// How the next token is drawn. The defaults are llama.cpp's own (common/common.h): temperature 0.8, top-k 40,
/// top-p 0.95, min-p 0.05, no repetition penalty. The seed makes sampling reproducible: the same seed and prompt give
/// the same text, alone or inside a batch.
/// </summary>
public sealed record SamplerOptions
{
    /// <summary>Softmax temperature; 0 picks the most likely token (greedy).</summary>
    public float Temperature { get; init; } = 0.8f;

    /// <summary>Keep only the k most likely tokens; 0 keeps all.</summary>
    public int TopK { get; init; } = 40;

    /// <summary>Nucleus sampling: keep the smallest set of tokens whose probability sums to at least p; 1 disables it.</summary>
    public float TopP { get; init; } = 0.95f;

    /// <summary>Drop tokens less likely than min-p times the most likely one; 0 disables it.</summary>
    public float MinP { get; init; } = 0.05f;

    /// <summary>Divide the logits of recently seen tokens by this (CTRL's repetition penalty); 1 disables it.</summary>
    public float RepeatPenalty { get; init; } = 1f;

    /// <summary>OpenAI-style frequency penalty in [-2, 2]; 0 disables it.</summary>
    public float FrequencyPenalty { get; init; }

    /// <summary>OpenAI-style presence penalty in [-2, 2]; 0 disables it.</summary>
    public float PresencePenalty { get; init; }

    /// <summary>How many recent tokens the penalties look at.</summary>
    public int PenaltyLastN { get; init; } = 64;

    /// <summary>Seed of the sampler's random stream.</summary>
    public uint Seed { get; init; } = 42;

    /// <summary>Throws a <see cref="SynthVaultException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Check(Temperature is >= 0 and <= 100 && float.IsFinite(Temperature), "temperature", Temperature, "between 0 and 100");
        Check(TopK >= 0, "top-k", TopK, "0 or more");
        Check(TopP is > 0 and <= 1, "top-p", TopP, "in (0, 1]");
        Check(MinP is >= 0 and <= 1, "min-p", MinP, "in [0, 1]");
        Check(RepeatPenalty is > 0 and <= 10, "repeat-penalty", RepeatPenalty, "in (0, 10]");
        Check(FrequencyPenalty is >= -2 and <= 2, "frequency-penalty", FrequencyPenalty, "in [-2, 2]");
        Check(PresencePenalty is >= -2 and <= 2, "presence-penalty", PresencePenalty, "in [-2, 2]");
        Check(PenaltyLastN >= 0, "penalty-last-n", PenaltyLastN, "0 or more");
    }

    private static void Check(bool ok, string name, IFormattable value, string range)
    {
        if (!ok)
        {
            throw new SynthVaultException($"--{name} is {value.ToString(null, CultureInfo.InvariantCulture)}; it must be {range}.");
        }
    }
}
