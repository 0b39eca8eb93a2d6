using SynthVault.Core.Data;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Rebalancing;

/// <summary>
/// Makes new rows of one class (the minority, "positive" class) of a table: the rare-class rebalancing step of
/// DESIGN §5. Implementations are the imbalanced-learn baselines here and the model-based generators (copula,
/// CART) that sample conditionally on the label.
/// </summary>
public interface IMinorityGenerator
{
    /// <summary>The method name users pass (<c>smote</c>, <c>borderline</c>, …).</summary>
    string Method { get; }

    /// <summary>
    /// Generates about <paramref name="count"/> new rows whose label is <paramref name="positiveValue"/>, with the
    /// same columns and storage types as <paramref name="data"/>, and one provenance entry per row. The input rows
    /// are never part of the result. Same input and seed give the same rows, whatever the thread count.
    /// Every generator returns exactly <paramref name="count"/> rows except ADASYN, which, like imbalanced-learn,
    /// returns Σᵢ rint(r̂ᵢ·count) rows.
    /// </summary>
    /// <param name="data">The real rows (all classes).</param>
    /// <param name="schema">What each column means; only learnable columns are used as features.</param>
    /// <param name="label">The label column.</param>
    /// <param name="positiveValue">The label value of the class to generate, as text (e.g. <c>1</c>, <c>&gt;50K</c>).</param>
    /// <param name="count">How many rows to generate (at least 1).</param>
    /// <param name="seed">Root seed.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    MinorityGeneration Generate(Table data, TableSchema schema, string label, string positiveValue, int count, long seed, CancellationToken cancellationToken);
}

/// <summary>New minority rows and, per row in the same order, where each came from.</summary>
/// <param name="Rows">Only the new rows, with the input's columns and types.</param>
/// <param name="Provenance">One entry per row of <paramref name="Rows"/>.</param>
public sealed record MinorityGeneration(Table Rows, IReadOnlyList<OversampleProvenance> Provenance);

/// <summary>
/// Where one generated row came from. Row indices point into the table passed to
/// <see cref="IMinorityGenerator.Generate"/> (0-based).
/// </summary>
/// <param name="Method">The generator's method name.</param>
/// <param name="ParentA">The real row the sample starts from (SMOTE family: the seed; random: the copied row); null for model-based rows.</param>
/// <param name="ParentB">The neighbour it moves towards (SMOTE family only; for Borderline-SMOTE-2 it may be a majority row).</param>
/// <param name="Gap">
/// The fraction of the way from A to B for the numeric features: new = A + Gap·(B − A). Null when there is no second parent.
/// </param>
public sealed record OversampleProvenance(string Method, int? ParentA, int? ParentB, double? Gap)
{
    /// <summary>Provenance of a row drawn from a fitted model (no real parent).</summary>
    public static OversampleProvenance ModelBased(string method) => new(method, null, null, null);
}
