using System.Runtime.CompilerServices;
using SynthVault.Core.Data;
using SynthVault.Core.Progress;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Copula;
using SynthVault.Synthesis.Internal;

namespace SynthVault.Synthesis;

/// <summary>
/// Gaussian copula synthesizer (DESIGN §4), after SDV's GaussianCopulaSynthesizer: every learned column maps to a
/// standard-normal latent variable, the latent variables are jointly normal with a correlation matrix, and
/// sampling goes through its Cholesky factor.
/// <list type="bullet">
/// <item>Numbers: a marginal chosen per column by held-out Kolmogorov–Smirnov fit among normal, truncated normal,
/// beta, gamma, log-normal, uniform and a smoothed empirical quantile function; integers are rounded and
/// observed bounds kept; dates are numbers of days.</item>
/// <item>Categories and booleans: SDV's frequency encoding, each category an interval of [0, 1] as wide as its
/// frequency (most frequent first); a sampled uniform falls in exactly one interval.</item>
/// <item>Missing values: a category of their own for categories; for numbers, an extra latent "is missing"
/// dimension so missingness correlates with the other columns.</item>
/// <item>Correlation: of normal scores from ranks (the semiparametric estimator of Genest, Ghoudi and Rivest,
/// 1995) with ties spread uniformly (the distributional transform, Rüschendorf 2009), pairwise over rows where
/// both values are present, repaired to positive definite by eigenvalue clipping.</item>
/// </list>
/// </summary>
public sealed class GaussianCopulaSynthesizer : ISynthesizer
{
    internal const string MethodName = "copula";

    /// <summary>Largest latent correlation kept after the attenuation correction.</summary>
    private const double MaxCorrelation = 0.995;

    private readonly CopulaOptions options;

    public GaussianCopulaSynthesizer(CopulaOptions? options = null)
    {
        this.options = options ?? new CopulaOptions();
        this.options.Validate();
    }

    /// <inheritdoc />
    public string Method => MethodName;

    /// <inheritdoc />
    public ISynthesizerModel Fit(Table data, TableSchema schema, IProgress<ProgressUpdate>? progress = null, CancellationToken ct = default)
    {
        progress?.Report(new ProgressUpdate("fit", 0, 4, "reading columns"));
        var set = FeatureEncoder.Build(data, schema, ct);
        var hash = TrainingDataHash.Compute(data);
        var streams = new SeedStreams(options.Seed);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = ct };
        var specs = set.Specs;

        // Rows for marginals and correlation: all, or a seeded uniform subsample (sorted for cache locality).
        var selected = SelectRows(set.RowCount, options.FitSampleSize, streams);
        var m = selected.Length;

        // Columns that are exact functions of another are derived from it, not modelled.
        var derived = Dependencies.Detect(specs, set.Data, selected, set.RowCount);

        // Latent layout: one dimension per modelled column, plus an "is missing" dimension for numbers that are
        // sometimes missing; a column that is always missing needs none.
        var valueDim = new int[specs.Length];
        var nullDim = new int[specs.Length];
        var d = 0;
        for (var f = 0; f < specs.Length; f++)
        {
            var s = specs[f];
            valueDim[f] = derived[f] is null && (s.IsCategorical || !s.AllNull) ? d++ : -1;
            nullDim[f] = derived[f] is null && !s.IsCategorical && s.NullRate > 0 && s.NullRate < 1 ? d++ : -1;
        }

        var categoryOrder = new int[specs.Length][];
        for (var f = 0; f < specs.Length; f++)
        {
            categoryOrder[f] = specs[f].IsCategorical ? [.. Enumerable.Range(0, specs[f].Categories.Length)] : [];
        }

        progress?.Report(new ProgressUpdate("fit", 1, 4, "fitting marginals"));
        var marginals = new NumericMarginal?[specs.Length];
        var latent = new double[d][];
        var present = new bool[d][];
        var attenuation = new double[d];
        Parallel.For(0, specs.Length, parallel, f =>
        {
            var spec = specs[f];
            var encoded = set.Data[f];
            if (valueDim[f] < 0)
            {
                return;
            }

            if (spec.IsCategorical)
            {
                var rng = streams.CreateGenerator("latent", f);
                latent[valueDim[f]] = CategoryScores(encoded.Codes!, selected, spec.Frequencies, categoryOrder[f], ref rng);
                attenuation[valueDim[f]] = Attenuation(categoryOrder[f].Select(c => spec.Frequencies[c]));
                return;
            }

            var values = encoded.Values!;
            var nonNull = new List<double>(m);
            foreach (var r in selected)
            {
                if (!double.IsNaN(values[r]))
                {
                    nonNull.Add(values[r]);
                }
            }

            var marginalRng = streams.CreateGenerator("marginal", f);
            marginals[f] = MarginalFitter.Fit([.. nonNull], spec, options.Marginals, ref marginalRng);
            var latentRng = streams.CreateGenerator("latent", f);
            var (scores, mask, groups) = NumericScores(values, selected, ref latentRng);
            latent[valueDim[f]] = scores;
            present[valueDim[f]] = mask!;
            attenuation[valueDim[f]] = Attenuation(groups);
            if (nullDim[f] >= 0)
            {
                var nullRng = streams.CreateGenerator("latent-null", f);
                latent[nullDim[f]] = NullScores(values, selected, spec.NullRate, ref nullRng);
                attenuation[nullDim[f]] = Attenuation([1 - spec.NullRate, spec.NullRate]);
            }
        });

        progress?.Report(new ProgressUpdate("fit", 2, 4, "ordering categories"));
        OrderCategories(specs, set.Data, selected, valueDim, categoryOrder, latent, streams, parallel);
        for (var f = 0; f < specs.Length; f++)
        {
            if (specs[f].IsCategorical && valueDim[f] >= 0)
            {
                attenuation[valueDim[f]] = Attenuation(categoryOrder[f].Select(c => specs[f].Frequencies[c]));
            }
        }

        progress?.Report(new ProgressUpdate("fit", 3, 4, "estimating correlations"));
        var correlation = Correlation(latent, present, attenuation, d, m, parallel);
        var repaired = Linear.RepairCorrelation(correlation, d, out var wasRepaired);
        var cholesky = Linear.CholeskyRepairing(repaired, d);

        var state = new CopulaState
        {
            Features = specs,
            Others = set.Others,
            Marginals = marginals,
            ValueDim = valueDim,
            NullDim = nullDim,
            Dimensions = d,
            Correlation = repaired,
            Cholesky = cholesky,
            CorrelationRepaired = wasRepaired,
            CategoryOrder = categoryOrder,
            Derived = derived,
        };
        var provenance = new ModelProvenance(MethodName, Json.Serialize(options), options.Seed, hash, set.RowCount, Synthesizers.LibraryVersion);
        progress?.Report(new ProgressUpdate("fit", 4, 4, "done"));
        return new CopulaModel(schema, provenance, options, state);
    }

    private static int[] SelectRows(int n, int limit, SeedStreams streams)
    {
        if (n <= limit)
        {
            var all = new int[n];
            for (var i = 0; i < n; i++)
            {
                all[i] = i;
            }

            return all;
        }

        // Partial Fisher–Yates: the first `limit` positions of a seeded permutation.
        var rng = streams.CreateGenerator("fit-subsample");
        var perm = new int[n];
        for (var i = 0; i < n; i++)
        {
            perm[i] = i;
        }

        for (var i = 0; i < limit; i++)
        {
            var j = i + rng.NextInt(n - i);
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }

        var chosen = perm.AsSpan(0, limit).ToArray();
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>
    /// Orders each categorical column's intervals so the latent variable lines up with the others: categories
    /// sorted by their score on the first principal component of the category means of every other latent
    /// variable (frequency-weighted), two rounds over all columns. SDV orders by frequency, which makes the
    /// position of a category arbitrary with respect to the other columns, so a linear correlation can capture
    /// little of how categories relate to them; this is the optimal-scaling idea of homogeneity analysis /
    /// CATPCA (Gifi, 1990) reduced to a single ordering. Two-valued columns need no ordering.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OrderCategories(FeatureSpec[] specs, EncodedColumn[] data, int[] rows, int[] valueDim, int[][] order, double[][] latent, SeedStreams streams, ParallelOptions parallel)
    {
        var d = latent.Length;
        var m = rows.Length;
        for (var round = 0; round < 2; round++)
        {
            for (var f = 0; f < specs.Length; f++)
            {
                parallel.CancellationToken.ThrowIfCancellationRequested();
                var k = specs[f].Categories.Length;
                var own = valueDim[f];
                if (!specs[f].IsCategorical || own < 0 || k < 3 || d < 2)
                {
                    continue;
                }

                var codes = data[f].Codes!;
                var means = new double[k, d];
                var counts = new double[k];
                for (var i = 0; i < m; i++)
                {
                    var c = codes[rows[i]];
                    counts[c]++;
                    for (var j = 0; j < d; j++)
                    {
                        if (j != own)
                        {
                            means[c, j] += latent[j][i];
                        }
                    }
                }

                for (var c = 0; c < k; c++)
                {
                    for (var j = 0; j < d; j++)
                    {
                        means[c, j] = counts[c] > 0 ? means[c, j] / counts[c] : 0;
                    }
                }

                // Frequency-weighted between-category covariance of the means, and its leading eigenvector.
                var between = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d);
                for (var c = 0; c < k; c++)
                {
                    for (var a = 0; a < d; a++)
                    {
                        for (var b = 0; b < d; b++)
                        {
                            between[a, b] += counts[c] * means[c, a] * means[c, b];
                        }
                    }
                }

                var evd = between.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
                var top = 0;
                for (var e = 1; e < d; e++)
                {
                    if (evd.EigenValues[e].Real > evd.EigenValues[top].Real)
                    {
                        top = e;
                    }
                }

                var v = evd.EigenVectors.Column(top);
                var score = new double[k];
                for (var c = 0; c < k; c++)
                {
                    for (var j = 0; j < d; j++)
                    {
                        score[c] += means[c, j] * v[j];
                    }
                }

                // Ties (and unseen categories) keep frequency order, so the ordering never depends on chance.
                var newOrder = Enumerable.Range(0, k).OrderBy(c => score[c]).ThenBy(c => c).ToArray();
                order[f] = newOrder;
                var rng = streams.CreateGenerator("latent-ordered", (round * specs.Length) + f);
                latent[own] = CategoryScores(codes, rows, specs[f].Frequencies, newOrder, ref rng);
            }
        }

    }

    /// <summary>Normal scores of categories: a uniform draw inside the category's interval (intervals laid out in <paramref name="order"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] CategoryScores(int[] codes, int[] rows, double[] frequencies, int[] order, ref Xoshiro256 rng)
    {
        var cuts = CopulaState.Cuts(frequencies, order);
        var position = CopulaState.Positions(order);
        var result = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var c = position[codes[rows[i]]];
            var u = cuts[c] + (rng.NextOpenDouble() * (cuts[c + 1] - cuts[c]));
            result[i] = NormalMath.Quantile(u);
        }

        return result;
    }

    /// <summary>
    /// Normal scores of numbers from their ranks among the present values, ties spread uniformly over the tied
    /// ranks (distributional transform); missing values score 0 and are masked out of the correlation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double[] Scores, bool[]? Present, List<double> Groups) NumericScores(double[] values, int[] rows, ref Xoshiro256 rng)
    {
        var keys = new List<double>(rows.Length);
        var positions = new List<int>(rows.Length);
        bool[]? present = null;
        for (var i = 0; i < rows.Length; i++)
        {
            var v = values[rows[i]];
            if (double.IsNaN(v))
            {
                present ??= Enumerable.Repeat(true, rows.Length).ToArray();
                present[i] = false;
                continue;
            }

            keys.Add(v);
            positions.Add(i);
        }

        var k = keys.ToArray();
        var p = positions.ToArray();
        Array.Sort(k, p);
        var n = k.Length;
        var scores = new double[rows.Length];
        var groups = new List<double>();
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && k[end] == k[start])
            {
                end++;
            }

            groups.Add((end - start) / (double)n);

            for (var t = start; t < end; t++)
            {
                var u = (start + (rng.NextOpenDouble() * (end - start))) / n;
                scores[p[t]] = NormalMath.Quantile(u);
            }

            start = end;
        }

        return (scores, present, groups);
    }

    /// <summary>
    /// η² = Σ_c p_c m_c², m_c = E[Z | Z in interval c] = (φ(a_c) − φ(b_c)) / p_c, for a standard normal split
    /// into consecutive intervals of probabilities p_c. A uniform draw inside the interval of an observed
    /// category (or tie group) correlates with any other variable η² times as strongly as the underlying
    /// normal does (first term of the Hermite expansion of the covariance of step functions of a bivariate
    /// normal; the same attenuation as of a point-biserial against a biserial correlation). Continuous columns
    /// without ties give η² = 1.
    /// </summary>
    internal static double Attenuation(IEnumerable<double> probabilities)
    {
        double sum = 0, cumulative = 0, previousDensity = 0;
        foreach (var p in probabilities)
        {
            cumulative += p;
            var upper = cumulative >= 1 - 1e-15 ? double.PositiveInfinity : NormalMath.Quantile(cumulative);
            var density = double.IsPositiveInfinity(upper) ? 0 : Math.Exp(-0.5 * upper * upper) / Math.Sqrt(2 * Math.PI);
            if (p > 0)
            {
                var mean = (previousDensity - density) / p;
                sum += p * mean * mean;
            }

            previousDensity = density;
        }

        return Math.Clamp(sum, 1e-6, 1);
    }

    /// <summary>Normal scores of "is missing": missing falls in the top interval of width equal to the null rate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] NullScores(double[] values, int[] rows, double nullRate, ref Xoshiro256 rng)
    {
        var cut = 1 - nullRate;
        var result = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var u = double.IsNaN(values[rows[i]]) ? cut + (rng.NextOpenDouble() * nullRate) : rng.NextOpenDouble() * cut;
            result[i] = NormalMath.Quantile(u);
        }

        return result;
    }

    /// <summary>
    /// Correlation of normal scores, each pair over the rows where both are present (missing scores are 0, so
    /// they drop out of the cross products; only the counts need the masks).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Correlation(double[][] latent, bool[]?[] present, double[] attenuation, int d, int m, ParallelOptions parallel)
    {
        var sums = new double[d * d];
        Parallel.For(0, d, parallel, i =>
        {
            var zi = latent[i];
            for (var j = 0; j <= i; j++)
            {
                var zj = latent[j];
                double s = 0;
                for (var r = 0; r < m; r++)
                {
                    s += zi[r] * zj[r];
                }

                double count = m;
                if (present[i] is not null || present[j] is not null)
                {
                    count = 0;
                    var pi = present[i];
                    var pj = present[j];
                    for (var r = 0; r < m; r++)
                    {
                        if ((pi is null || pi[r]) && (pj is null || pj[r]))
                        {
                            count++;
                        }
                    }
                }

                sums[(i * d) + j] = count >= 3 ? s / count : 0;
            }
        });

        var result = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var vi = sums[(i * d) + i];
                var vj = sums[(j * d) + j];
                // Undo the attenuation of interval-jittered scores (see Attenuation), then keep |ρ| < 1.
                var r = i == j ? 1 : (vi > 0 && vj > 0 ? Math.Clamp(sums[(i * d) + j] / Math.Sqrt(vi * vj) / (attenuation[i] * attenuation[j]), -MaxCorrelation, MaxCorrelation) : 0);
                result[(i * d) + j] = r;
                result[(j * d) + i] = r;
            }
        }

        return result;
    }
}
