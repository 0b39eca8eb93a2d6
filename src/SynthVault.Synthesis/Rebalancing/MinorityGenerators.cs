using SynthVault.Core.Errors;

namespace SynthVault.Synthesis.Rebalancing;

/// <summary>Settings of the neighbour-based generators; the defaults are imbalanced-learn's.</summary>
/// <param name="KNeighbors">Neighbours to interpolate with (SMOTE family, ADASYN).</param>
/// <param name="MNeighbors">Neighbours that decide Borderline-SMOTE's danger set.</param>
/// <param name="Shrinkage">Random over-sampling: null for plain copies, ≥ 0 for the smoothed bootstrap.</param>
/// <param name="ModelFit">Model-based methods (copula, CART): fit on the minority rows only or on the whole table.</param>
/// <param name="CartLeafSize">CART's minimum leaf size; null = <see cref="SynthesizerMinorityGenerator.DefaultCartLeafSize"/>.</param>
public sealed record MinorityGeneratorOptions(
    int KNeighbors = 5,
    int MNeighbors = 10,
    double? Shrinkage = null,
    MinorityFitScope ModelFit = MinorityFitScope.WholeTable,
    int? CartLeafSize = null);

/// <summary>
/// Builds a generator from the method name a user types: the model-based methods (copula, CART) and the
/// imbalanced-learn baselines.
/// </summary>
public static class MinorityGenerators
{
    private static readonly Dictionary<string, Func<MinorityGeneratorOptions, IMinorityGenerator>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["copula"] = o => new SynthesizerMinorityGenerator("copula", o.ModelFit, o.CartLeafSize),
        ["cart"] = o => new SynthesizerMinorityGenerator("cart", o.ModelFit, o.CartLeafSize),
        ["smote"] = o => new SmoteGenerator(o.KNeighbors),
        ["smotenc"] = o => new SmoteNcGenerator(o.KNeighbors),
        ["borderline"] = o => new BorderlineSmoteGenerator(1, o.KNeighbors, o.MNeighbors),
        ["borderline1"] = o => new BorderlineSmoteGenerator(1, o.KNeighbors, o.MNeighbors),
        ["borderline2"] = o => new BorderlineSmoteGenerator(2, o.KNeighbors, o.MNeighbors),
        ["adasyn"] = o => new AdasynGenerator(o.KNeighbors),
        ["random"] = o => new RandomOverSampler(o.Shrinkage),
    };

    /// <summary>The method names this build knows, in the order help texts list them.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["copula", "cart", "smote", "smotenc", "borderline", "borderline2", "adasyn", "random"];

    /// <summary>True when <paramref name="method"/> names a generator of this build.</summary>
    public static bool IsKnown(string method) => Factories.ContainsKey(method);

    /// <summary>The generator for <paramref name="method"/>; a <see cref="SynthVaultException"/> listing the known ones otherwise.</summary>
    public static IMinorityGenerator Create(string method, MinorityGeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!Factories.TryGetValue(method, out var factory))
        {
            throw new SynthVaultException($"There is no rebalancing method '{method}'.", hint: $"Methods: {string.Join(", ", Methods)}.");
        }

        return factory(options ?? new MinorityGeneratorOptions());
    }
}
