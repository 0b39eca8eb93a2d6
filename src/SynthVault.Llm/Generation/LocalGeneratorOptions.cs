namespace SynthVault.Llm.Generation;

/// <summary>How a grammar-constrained token is sampled (LLamaSharp's DefaultSamplingPipeline.GrammarOptimizationMode).</summary>
public enum GrammarOptimization
{
    /// <summary>Apply the grammar to every candidate token, then sample: exact but the slowest.</summary>
    None,

    /// <summary>Sample first and check only that token against the grammar; fall back to the full pass when it fails.</summary>
    Basic,

    /// <summary>As Basic, then try the top-k candidates before the full pass.</summary>
    Extended,
}

/// <summary>Options of <see cref="LocalTextGenerator"/>.</summary>
public sealed record LocalGeneratorOptions
{
    /// <summary>Grammar sampling mode; Extended was the fastest measured (see models/README.md) and gives the same distribution.</summary>
    public GrammarOptimization GrammarOptimization { get; init; } = GrammarOptimization.Extended;
}
