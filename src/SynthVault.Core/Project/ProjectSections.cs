namespace SynthVault.Core.Project;

/// <summary>Which synthesizer <c>synthvault run</c> fits (DESIGN §4).</summary>
public enum SynthesisMethod
{
    /// <summary>Gaussian copula: fast, keeps marginals and pairwise correlations.</summary>
    Copula,

    /// <summary>Sequential CART (synthpop's approach): usually the fidelity leader on mixed data.</summary>
    Cart,
}

/// <summary>How rare-class rows are added (DESIGN §5); the names match <c>synthvault rebalance --method</c>.</summary>
public enum RebalanceMethod
{
    Copula,
    Cart,
    Smote,
    Smotenc,
    Borderline,
    Adasyn,
    Random,
}

/// <summary>The file format of synthetic output.</summary>
public enum OutputFormat
{
    Csv,
    Parquet,
}

/// <summary>Where the real data is: a path relative to the project file, or absolute.</summary>
public sealed record DataSection(string Path);

/// <summary>How to fit and sample.</summary>
/// <param name="Method">The synthesizer.</param>
/// <param name="Rows">Rows to generate; null means as many as the input has.</param>
/// <param name="Seed">The root seed: same seed and input give the same output.</param>
public sealed record SynthesisSection(SynthesisMethod Method = SynthesisMethod.Cart, int? Rows = null, long Seed = 42);

/// <summary>Rare-class rebalancing: raise the share of <paramref name="Positive"/> in <paramref name="Label"/> to <paramref name="Ratio"/>.</summary>
/// <param name="Label">The label column.</param>
/// <param name="Positive">The rare class value, as text ("1", "true", ">50K").</param>
/// <param name="Ratio">Target share of the positive class, in (0, 1).</param>
/// <param name="Method">How new positive rows are made.</param>
public sealed record RebalanceSection(string Label, string Positive, double Ratio, RebalanceMethod Method = RebalanceMethod.Cart);

/// <summary>How synthetic data is scored against a real holdout.</summary>
/// <param name="HoldoutFraction">Share of real rows held out of fitting, in (0, 0.9].</param>
/// <param name="Label">Column for the utility score (train on synthetic, test on real); null for none.</param>
public sealed record EvaluationSection(double HoldoutFraction = 0.3, string? Label = null);

/// <summary>The LLM text loop for one free-text column (DESIGN §6).</summary>
/// <param name="Column">The text column.</param>
/// <param name="Model">Path of a GGUF model file.</param>
/// <param name="Rounds">Generate–critic–review rounds, 1–10.</param>
/// <param name="ReviewFraction">Share of accepted texts sent to a person for review, in [0, 1].</param>
/// <param name="TargetModel">The model family the generated texts will train or test (e.g. "qwen2"); when it is the
/// generator's family the report warns that the generator's habits may look like skill (issue #12). Null: not said.</param>
public sealed record TextSection(string Column, string Model, int Rounds = 4, double ReviewFraction = 0.1, string? TargetModel = null);

/// <summary>Where and how output is written.</summary>
public sealed record OutputSection(string Directory = "out", OutputFormat Format = OutputFormat.Csv);
