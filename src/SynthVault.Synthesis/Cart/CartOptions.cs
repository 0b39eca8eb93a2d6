using SynthVault.Core.Errors;

namespace SynthVault.Synthesis;

/// <summary>Options of <see cref="CartSynthesizer"/>; defaults follow synthpop's <c>syn.cart</c>.</summary>
public sealed record CartOptions
{
    /// <summary>The fit seed (tree growing is deterministic; kept for provenance and future randomised steps).</summary>
    public long Seed { get; init; }

    /// <summary>Fewest training rows in a leaf (synthpop's <c>minbucket</c>, default 5). Larger leaves copy less and generalise more.</summary>
    public int MinLeafSize { get; init; } = 5;

    /// <summary>
    /// rpart's complexity parameter: a split is kept only when it lowers the tree's impurity by at least this
    /// share of the root's (synthpop default 1e-8, i.e. grow until the leaf size stops it).
    /// </summary>
    public double Complexity { get; init; } = 1e-8;

    /// <summary>Deepest tree level (rpart's <c>maxdepth</c>, default 30).</summary>
    public int MaxDepth { get; init; } = 30;

    /// <summary>Quantile bins for a numeric predictor's split points (histogram splits, as LightGBM; at most 65,000).</summary>
    public int MaxBins { get; init; } = 64;

    /// <summary>
    /// Smooth values drawn from a leaf with a Gaussian kernel (synthpop's <c>smoothing = "density"</c>, bandwidth
    /// bw.nrd0 of the leaf's values, the leaf's spike value left as is) for continuous columns and for integer or
    /// date columns with at least <see cref="SmoothingMinDistinct"/> distinct values (which behave as continuous).
    /// </summary>
    public bool Smoothing { get; init; } = true;

    /// <summary>Integer or date columns with at least this many distinct values are smoothed like continuous ones.</summary>
    public int SmoothingMinDistinct { get; init; } = 256;

    /// <summary>
    /// The order columns are visited in (names of learned columns; any not named follow in schema order). Default:
    /// the label column first, then schema order. Conditions on the first columns of the order are met by forcing
    /// them; conditions on later columns need rejection on the earlier ones, so put columns you condition on first.
    /// </summary>
    public IReadOnlyList<string>? VisitOrder { get; init; }

    /// <summary>Thread limit for fit and sample (−1 = all cores). Output does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal void Validate()
    {
        if (MinLeafSize < 1)
        {
            throw new SynthVaultException("The CART minimum leaf size must be at least 1.");
        }

        if (!(Complexity >= 0) || Complexity >= 1)
        {
            throw new SynthVaultException("The CART complexity parameter must be in [0, 1).");
        }

        if (MaxDepth < 1 || MaxBins < 2 || MaxBins > 65_000)
        {
            throw new SynthVaultException("The CART maximum depth must be at least 1 and the bins between 2 and 65,000.");
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new SynthVaultException("MaxDegreeOfParallelism must be −1 (all cores) or a positive number.");
        }
    }
}
