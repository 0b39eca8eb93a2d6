using System.Globalization;
using System.Text;
using SynthVault.Core.Errors;

namespace SynthVault.Llm.TextLoop;

/// <summary>
/// Does every seed fit the prompts it will be shown in? A prompt holds the instructions, up to
/// <see cref="TextLoopOptions.ExamplesPerPrompt"/> seed examples and room for <see cref="TextLoopOptions.MaxTokens"/>
/// tokens of answer, all inside the model's context. A seed too long for its share would make llama.cpp refuse the
/// prompt mid-run; checked before the run starts, it is one message naming the file and the row.
/// </summary>
public static class PromptBudget
{
    /// <summary>
    /// Tokens the prompt takes besides the examples (chat template, task, attributes, JSON schema and the request):
    /// 200–330 on the bundled prompts with a 32k-vocabulary tokenizer, rounded up for longer domain descriptions.
    /// </summary>
    public const int InstructionTokens = 384;

    /// <summary>The most tokens one seed may have so that a prompt with its examples and the answer fits.</summary>
    /// <exception cref="SynthVaultException">The answer alone leaves no room for a prompt.</exception>
    public static int MaxSeedTokens(TextLoopOptions options, int contextSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        var room = contextSize - options.MaxTokens - InstructionTokens;
        if (room <= 0)
        {
            throw new SynthVaultException(
                Inv($"the model's context of {contextSize:N0} tokens leaves no room for a prompt after --max-tokens {options.MaxTokens:N0} and about {InstructionTokens} tokens of instructions."),
                hint: "Lower --max-tokens, or load the model with a larger --context.");
        }

        return room / Math.Max(1, options.ExamplesPerPrompt);
    }

    /// <summary>
    /// Refuses the first seed longer than <see cref="MaxSeedTokens"/>, naming its file, row and class. Evaluation rows
    /// are not checked: they never reach a prompt.
    /// </summary>
    /// <param name="input">The seed rows (and their file).</param>
    /// <param name="options">The loop settings (examples per prompt, answer tokens).</param>
    /// <param name="contextSize">The loaded model's context in tokens.</param>
    /// <param name="countTokens">The model's tokenizer (a token count per text).</param>
    /// <exception cref="SynthVaultException">A seed does not fit.</exception>
    public static void Check(TextLoopInput input, TextLoopOptions options, int contextSize, Func<string, int> countTokens)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(countTokens);
        var limit = MaxSeedTokens(options, contextSize);
        foreach (var seed in input.Rows)
        {
            // A token covers at least one byte (llama vocabularies fall back to single bytes), so a text whose UTF-8
            // form is no longer than the limit fits without tokenizing it.
            if (Encoding.UTF8.GetByteCount(seed.Text) <= limit)
            {
                continue;
            }

            var tokens = countTokens(seed.Text);
            if (tokens > limit)
            {
                var label = seed.Label is null ? string.Empty : $" (class '{seed.Label}')";
                throw new SynthVaultException(
                    Inv($"the seed at {seed.Where}{label} is {tokens:N0} tokens long; a prompt shows {options.ExamplesPerPrompt} examples and keeps {options.MaxTokens:N0} tokens for the answer in the model's {contextSize:N0}-token context, so a seed may be at most {limit:N0} tokens."),
                    file: input.RowsSource,
                    row: seed.Row,
                    hint: "Shorten or drop that text, lower --examples or --max-tokens, or load the model with a larger --context.");
            }
        }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
