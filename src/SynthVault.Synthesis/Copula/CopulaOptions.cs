using SynthVault.Core.Errors;

namespace SynthVault.Synthesis;

/// <summary>Families a Gaussian-copula marginal can take (DESIGN §4).</summary>
public enum MarginalFamily
{
    Normal,
    TruncatedNormal,
    Beta,
    Gamma,
    LogNormal,
    Uniform,

    /// <summary>Non-parametric: sample quantiles with linear interpolation between them (a smoothed empirical CDF).</summary>
    Empirical,
}

/// <summary>Options of <see cref="GaussianCopulaSynthesizer"/>; the defaults work for most tables.</summary>
public sealed record CopulaOptions
{
    /// <summary>The fit seed (subsampling, marginal selection splits, rank jitter).</summary>
    public long Seed { get; init; }

    /// <summary>Candidate marginal families; the best by held-out goodness of fit is used per column.</summary>
    public IReadOnlyList<MarginalFamily> Marginals { get; init; } =
        [MarginalFamily.Normal, MarginalFamily.TruncatedNormal, MarginalFamily.Beta, MarginalFamily.Gamma, MarginalFamily.LogNormal, MarginalFamily.Uniform, MarginalFamily.Empirical];

    /// <summary>
    /// Rows used to estimate the marginals and the correlation matrix when the table is larger (a seeded uniform
    /// subsample). Category frequencies, null rates and bounds always use every row. At 100,000 rows the standard
    /// error of a correlation is below 0.0032 and of a quantile's probability below 0.0016, well under what the
    /// quality scores can see.
    /// </summary>
    public int FitSampleSize { get; init; } = 100_000;

    /// <summary>Gibbs sweeps per row when several latent dimensions are conditioned at once (one needs none).</summary>
    public int GibbsSweeps { get; init; } = 20;

    /// <summary>Thread limit for fit and sample (−1 = all cores). Output does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal void Validate()
    {
        if (Marginals is null || Marginals.Count == 0)
        {
            throw new SynthVaultException("The copula options list no marginal family.", hint: "Give at least one family, e.g. Empirical.");
        }

        if (FitSampleSize < 2)
        {
            throw new SynthVaultException("The copula fit sample size must be at least 2 rows.");
        }

        if (GibbsSweeps < 1)
        {
            throw new SynthVaultException("The copula needs at least one Gibbs sweep.");
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new SynthVaultException("MaxDegreeOfParallelism must be −1 (all cores) or a positive number.");
        }
    }
}
