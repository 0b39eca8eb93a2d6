using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Internal;

namespace SynthVault.Synthesis.Copula;

/// <summary>What a Gaussian copula learned; serialised as is into model files (no row-level data).</summary>
internal sealed class CopulaState
{
    public FeatureSpec[] Features { get; set; } = [];

    public PassThroughSpec[] Others { get; set; } = [];

    /// <summary>Per feature: the numeric marginal, or null for categories and always-missing numbers.</summary>
    public NumericMarginal?[] Marginals { get; set; } = [];

    public int[] ValueDim { get; set; } = [];

    public int[] NullDim { get; set; } = [];

    public int Dimensions { get; set; }

    /// <summary>Latent correlation matrix (row-major), positive definite.</summary>
    public double[] Correlation { get; set; } = [];

    /// <summary>Its lower Cholesky factor (row-major).</summary>
    public double[] Cholesky { get; set; } = [];

    /// <summary>True when the estimated matrix was not positive definite and had to be repaired.</summary>
    public bool CorrelationRepaired { get; set; }

    /// <summary>Per categorical feature: the category at each interval position (latent order); empty for numbers.</summary>
    public int[][] CategoryOrder { get; set; } = [];

    /// <summary>Per feature: how it is derived from another feature, or null when it is modelled.</summary>
    public Derivation?[] Derived { get; set; } = [];

    /// <summary>Interval bounds in [0, 1] for categories with the given frequencies (cuts[K] is exactly 1).</summary>
    public static double[] Cuts(double[] frequencies, int[]? order = null)
    {
        var cuts = new double[frequencies.Length + 1];
        for (var c = 0; c < frequencies.Length; c++)
        {
            cuts[c + 1] = cuts[c] + frequencies[order is null ? c : order[c]];
        }

        cuts[^1] = 1;
        return cuts;
    }

    /// <summary>The interval position of each category (the inverse of an order).</summary>
    public static int[] Positions(int[] order)
    {
        var position = new int[order.Length];
        for (var p = 0; p < order.Length; p++)
        {
            position[order[p]] = p;
        }

        return position;
    }
}

/// <summary>A fitted Gaussian copula; samples in fixed partitions with seeds derived from the sample seed.</summary>
internal sealed class CopulaModel : ISynthesizerModel
{
    /// <summary>Rows per partition; fixed, so output does not depend on the thread count.</summary>
    public const int PartitionSize = 16_384;

    /// <summary>Rows decoded together inside a partition; the latent block (dimensions × rows) stays in the L2 cache.</summary>
    private const int BlockSize = 512;

    private readonly double[][] cuts;

    /// <summary>Per categorical feature: the normal-score threshold of each cut (see <see cref="NormalMath.CdfThreshold"/>).</summary>
    private readonly double[][] cutScores;

    /// <summary>Per numeric feature with a missing dimension: the score at and above which the value is missing.</summary>
    private readonly double[] nullScores;
    private readonly int[][] positions;

    public CopulaModel(TableSchema schema, ModelProvenance provenance, CopulaOptions options, CopulaState state)
    {
        Schema = schema;
        Provenance = provenance;
        Options = options;
        State = state;
        cuts = [.. state.Features.Select((f, i) => f.IsCategorical ? CopulaState.Cuts(f.Frequencies, state.CategoryOrder[i]) : [])];
        positions = [.. state.CategoryOrder.Select(CopulaState.Positions)];
        cutScores = [.. cuts.Select(c => c.Select(NormalMath.CdfThreshold).ToArray())];
        nullScores = [.. state.Features.Select(f => NormalMath.CdfThreshold(1 - f.NullRate))];
    }

    public TableSchema Schema { get; }

    public ModelProvenance Provenance { get; }

    public CopulaOptions Options { get; }

    public CopulaState State { get; }

    public Table Sample(int rows, SampleConditions? conditions, long seed, IProgress<ProgressUpdate>? progress = null, CancellationToken ct = default)
    {
        if (rows < 0)
        {
            throw new SynthVaultException($"Cannot sample {rows} rows.", hint: "Ask for zero or more rows.");
        }

        var specs = State.Features;
        var resolved = ThroughParents(ConditionResolver.Resolve(conditions, specs, State.Others));
        var plan = BuildPlan(resolved);
        var output = new EncodedColumn[specs.Length];
        for (var f = 0; f < specs.Length; f++)
        {
            output[f] = specs[f].IsCategorical ? new EncodedColumn(null, new int[rows]) : new EncodedColumn(new double[rows], null);
        }

        var streams = new SeedStreams(seed);
        var partitions = (rows + PartitionSize - 1) / PartitionSize;
        var done = 0L;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism, CancellationToken = ct };
        Parallel.For(0, partitions, parallel, p =>
        {
            var rng = streams.CreateGenerator("sample", p);
            var start = p * PartitionSize;
            var end = Math.Min(rows, start + PartitionSize);
            SamplePartition(plan, output, start, end, ref rng);
            var finished = Interlocked.Add(ref done, end - start);
            progress?.Report(new ProgressUpdate("sample", finished, rows));
        });

        return OutputBuilder.Assemble(Schema, specs, output, State.Others, rows, seed, Options.MaxDegreeOfParallelism);
    }

    /// <summary>
    /// The latent dimensions split into conditioned ones (C, each restricted to an interval) and the rest (R).
    /// z_C is drawn from the truncated normal N(0, Σ_CC) restricted to the box, exactly when |C| = 1 and by
    /// Gibbs sampling otherwise (Geweke, 1991); z_R then comes from the conditional normal
    /// N(Σ_RC Σ_CC⁻¹ z_C, Σ_RR − Σ_RC Σ_CC⁻¹ Σ_CR). No row is ever rejected, so rare conditions cost the same as
    /// common ones.
    /// </summary>
    private sealed record SamplingPlan(
        int[] CondDims,
        double[] Lower,
        double[] Upper,
        double[] Precision,
        int[] RestDims,
        double[] Regression,
        double[] RestCholesky,
        ResolvedCondition?[] ByFeature);

    private SamplingPlan BuildPlan(ResolvedCondition[] conditions)
    {
        var d = State.Dimensions;
        var specs = State.Features;
        var byFeature = new ResolvedCondition?[specs.Length];
        var condDims = new List<int>();
        var lower = new List<double>();
        var upper = new List<double>();
        foreach (var c in conditions)
        {
            byFeature[c.Feature] = c;
            var spec = specs[c.Feature];
            if (c.IsCategory)
            {
                var cut = cuts[c.Feature];
                var at = positions[c.Feature][c.Category];
                condDims.Add(State.ValueDim[c.Feature]);
                lower.Add(cut[at] <= 0 ? double.NegativeInfinity : NormalMath.Quantile(cut[at]));
                upper.Add(cut[at + 1] >= 1 ? double.PositiveInfinity : NormalMath.Quantile(cut[at + 1]));
                continue;
            }

            // Whole numbers: every value that rounds into [lo, hi] qualifies.
            var rounds = spec.RoundToInteger || spec.RoundToDays;
            var lo = rounds ? Math.Ceiling(c.Lo) - 0.5 : c.Lo;
            var hi = rounds ? Math.Floor(c.Hi) + 0.5 : c.Hi;
            var knots = State.Marginals[c.Feature]!.Knots;
            var uLo = KnotTable.LowerU(knots, lo);
            var uHi = KnotTable.UpperU(knots, hi);
            if (!(uHi > uLo))
            {
                throw new SynthVaultException(
                    $"The condition '{c.Clause}' has probability zero under the fitted model.",
                    column: spec.Name,
                    hint: spec.RoundToInteger ? "Widen the range." : "A continuous column rarely equals one exact value: ask for a range, e.g. 'x=10..11'.");
            }

            condDims.Add(State.ValueDim[c.Feature]);
            lower.Add(uLo <= 0 ? double.NegativeInfinity : NormalMath.Quantile(uLo));
            upper.Add(uHi >= 1 ? double.PositiveInfinity : NormalMath.Quantile(uHi));
            if (State.NullDim[c.Feature] >= 0)
            {
                // A range asks for a present value: restrict "is missing" to its "present" interval.
                condDims.Add(State.NullDim[c.Feature]);
                lower.Add(double.NegativeInfinity);
                upper.Add(NormalMath.Quantile(1 - spec.NullRate));
            }
        }

        var cd = condDims.ToArray();
        var k = cd.Length;
        var isCond = new bool[d];
        foreach (var i in cd)
        {
            isCond[i] = true;
        }

        var rest = Enumerable.Range(0, d).Where(i => !isCond[i]).ToArray();
        if (k == 0)
        {
            return new SamplingPlan(cd, [], [], [], rest, [], State.Cholesky, byFeature);
        }

        var r = State.Correlation;
        var scc = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                scc[(i * k) + j] = r[(cd[i] * d) + cd[j]] + (i == j ? 1e-9 : 0);
            }
        }

        var precision = Linear.Inverse(scc, k);
        var q = rest.Length;

        // Regression = Σ_RC Σ_CC⁻¹ (q × k); conditional covariance = Σ_RR − Regression Σ_CR.
        var regression = new double[q * k];
        for (var a = 0; a < q; a++)
        {
            for (var j = 0; j < k; j++)
            {
                double s = 0;
                for (var l = 0; l < k; l++)
                {
                    s += r[(rest[a] * d) + cd[l]] * precision[(l * k) + j];
                }

                regression[(a * k) + j] = s;
            }
        }

        var conditional = new double[q * q];
        for (var a = 0; a < q; a++)
        {
            for (var b = 0; b < q; b++)
            {
                double s = r[(rest[a] * d) + rest[b]];
                for (var l = 0; l < k; l++)
                {
                    s -= regression[(a * k) + l] * r[(cd[l] * d) + rest[b]];
                }

                conditional[(a * q) + b] = s;
            }
        }

        var restCholesky = q == 0 ? [] : Linear.CholeskyRepairing(conditional, q);
        return new SamplingPlan(cd, [.. lower], [.. upper], precision, rest, regression, restCholesky, byFeature);
    }

    /// <summary>
    /// Samples rows [start, end) in blocks: first every row's random draws in row order (the conditioned dimensions,
    /// then the independent normals), then z = L·g + regression·z_C one latent dimension at a time across the
    /// block (SIMD over rows), then each column decoded across the block. The arithmetic of each value is the same
    /// sequence of operations as a row-at-a-time loop, so the rows do not depend on the block size.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SamplePartition(SamplingPlan plan, EncodedColumn[] output, int start, int end, ref Xoshiro256 rng)
    {
        var d = State.Dimensions;
        var k = plan.CondDims.Length;
        var q = plan.RestDims.Length;
        var sweeps = k <= 1 ? 1 : Options.GibbsSweeps;
        var zc = new double[k];
        var g = new double[q * BlockSize];
        var conditioned = new double[k * BlockSize];
        var z = new double[d * BlockSize];
        for (var blockStart = start; blockStart < end; blockStart += BlockSize)
        {
            var n = Math.Min(BlockSize, end - blockStart);
            for (var r = 0; r < n; r++)
            {
                if (k > 0)
                {
                    DrawConditioned(plan, zc, sweeps, ref rng);
                    for (var i = 0; i < k; i++)
                    {
                        conditioned[(i * BlockSize) + r] = zc[i];
                    }
                }

                for (var a = 0; a < q; a++)
                {
                    g[(a * BlockSize) + r] = rng.NextGaussian();
                }
            }

            for (var i = 0; i < k; i++)
            {
                conditioned.AsSpan(i * BlockSize, n).CopyTo(z.AsSpan(plan.CondDims[i] * BlockSize, n));
            }

            Latent(plan, g, conditioned, z, n);
            DecodeBlock(plan, z, output, blockStart, n);
        }
    }

    /// <summary>z_R = L g (+ regression · z_C), each latent dimension across the block, terms added in index order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Latent(SamplingPlan plan, double[] g, double[] conditioned, double[] z, int n)
    {
        var k = plan.CondDims.Length;
        var q = plan.RestDims.Length;
        var lchol = plan.RestCholesky;
        for (var a = 0; a < q; a++)
        {
            var target = z.AsSpan(plan.RestDims[a] * BlockSize, n);
            target.Clear();
            for (var b = 0; b <= a; b++)
            {
                AddScaled(target, lchol[(a * q) + b], g.AsSpan(b * BlockSize, n));
            }

            for (var l = 0; l < k; l++)
            {
                AddScaled(target, plan.Regression[(a * k) + l], conditioned.AsSpan(l * BlockSize, n));
            }
        }
    }

    /// <summary>target[i] += factor · source[i], multiply then add (no fused multiply-add, as the scalar loop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaled(Span<double> target, double factor, ReadOnlySpan<double> source)
    {
        if (factor == 0)
        {
            // 0 · x (x finite) is ±0, and adding ±0 to a sum that starts at +0 never changes it.
            return;
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var f = new Vector<double>(factor);
            var t = MemoryMarshal.Cast<double, Vector<double>>(target);
            var s = MemoryMarshal.Cast<double, Vector<double>>(source);
            for (var v = 0; v < t.Length; v++)
            {
                t[v] += f * s[v];
            }

            i = t.Length * Vector<double>.Count;
        }

        for (; i < target.Length; i++)
        {
            target[i] += factor * source[i];
        }
    }

    /// <summary>Turns a block of latent rows into category indices and numbers, then fills the derived columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DecodeBlock(SamplingPlan plan, double[] z, EncodedColumn[] output, int blockStart, int n)
    {
        var specs = State.Features;
        for (var f = 0; f < specs.Length; f++)
        {
            var spec = specs[f];
            var condition = plan.ByFeature[f];
            if (State.Derived[f] is not null)
            {
                continue;
            }

            if (spec.IsCategorical)
            {
                var codes = output[f].Codes.AsSpan(blockStart, n);
                if (condition is { } cc)
                {
                    codes.Fill(cc.Category);
                    continue;
                }

                // Bucket(cuts, Φ(z)) decided on the scores directly: cuts[c] ≤ Φ(z) exactly when z ≥ cutScores[c].
                var latent = z.AsSpan(State.ValueDim[f] * BlockSize, n);
                var cut = cuts[f];
                var scores = cutScores[f];
                var order = State.CategoryOrder[f];
                for (var r = 0; r < n; r++)
                {
                    codes[r] = order[Internal.CategoryIntervals.Find(cut, scores, latent[r])];
                }

                continue;
            }

            var values = output[f].Values.AsSpan(blockStart, n);
            if (spec.AllNull)
            {
                values.Fill(double.NaN);
                continue;
            }

            var knots = State.Marginals[f]!.Knots;
            var valueLatent = z.AsSpan(State.ValueDim[f] * BlockSize, n);
            var nullDim = State.NullDim[f];
            var nullLatent = nullDim >= 0 && condition is null ? z.AsSpan(nullDim * BlockSize, n) : default;
            var missingFrom = nullScores[f];
            for (var r = 0; r < n; r++)
            {
                // Missing when Φ(z) ≥ 1 − null rate, i.e. z ≥ its threshold.
                if (!nullLatent.IsEmpty && nullLatent[r] >= missingFrom)
                {
                    values[r] = double.NaN;
                    continue;
                }

                var x = KnotTable.Quantile(knots, NormalMath.Cdf(valueLatent[r]));
                values[r] = condition is { } rc ? rc.Clamp(x, spec) : x;
            }
        }

        for (var f = 0; f < specs.Length; f++)
        {
            if (State.Derived[f] is not { } derivation)
            {
                continue;
            }

            var parentIsCategorical = specs[derivation.Parent].IsCategorical;
            var parent = output[derivation.Parent];
            var child = output[f];
            for (var r = blockStart; r < blockStart + n; r++)
            {
                var key = parentIsCategorical ? parent.Codes![r] : Math.Round(parent.Values![r], MidpointRounding.AwayFromZero);
                var value = derivation.Lookup(key);
                if (specs[f].IsCategorical)
                {
                    child.Codes![r] = (int)value;
                }
                else
                {
                    child.Values![r] = value;
                }
            }
        }
    }

    /// <summary>
    /// Moves conditions on derived columns to their parents: the parent values that map into the condition must
    /// be one category, or a run of consecutive observed whole numbers (then a range); otherwise the condition
    /// is refused with a hint to condition on the parent.
    /// </summary>
    private ResolvedCondition[] ThroughParents(ResolvedCondition[] conditions)
    {
        var result = new List<ResolvedCondition>();
        foreach (var c in conditions)
        {
            if (State.Derived[c.Feature] is not { } derivation)
            {
                result.Add(c);
                continue;
            }

            var spec = State.Features[c.Feature];
            var parent = State.Features[derivation.Parent];
            var matching = new List<int>();
            for (var i = 0; i < derivation.ParentKeys.Length; i++)
            {
                var child = derivation.ChildValues[i];
                var ok = c.IsCategory ? (int)child == c.Category : double.IsFinite(child) && c.Clamp(child, spec) == child;
                if (ok)
                {
                    matching.Add(i);
                }
            }

            var contiguous = matching.Count > 0 && matching[^1] - matching[0] == matching.Count - 1;
            if (conditions.Any(o => o.Feature == derivation.Parent) || !contiguous || (parent.IsCategorical && matching.Count != 1))
            {
                throw new SynthVaultException(
                    $"The condition '{c.Clause}' is on a column that this copula derives from '{parent.Name}' (each '{parent.Name}' value fixes it), and it does not map to a single '{parent.Name}' value or range.",
                    column: spec.Name,
                    hint: $"Condition on '{parent.Name}' instead, or use the CART method.");
            }

            var first = derivation.ParentKeys[matching[0]];
            var last = derivation.ParentKeys[matching[^1]];
            result.Add(parent.IsCategorical
                ? new ResolvedCondition(derivation.Parent, (int)first, double.NaN, double.NaN, c.Clause)
                : new ResolvedCondition(derivation.Parent, -1, first, last, c.Clause));
        }

        return [.. result];
    }

    private static void DrawConditioned(SamplingPlan plan, double[] zc, int sweeps, ref Xoshiro256 rng)
    {
        var k = zc.Length;
        if (k == 1)
        {
            zc[0] = NormalMath.TruncatedStandard(plan.Lower[0], plan.Upper[0], rng.NextOpenDouble());
            return;
        }

        // Start each chain at the interval's median under the standard normal, then sweep.
        for (var i = 0; i < k; i++)
        {
            var a = NormalMath.Cdf(plan.Lower[i]);
            var b = NormalMath.Cdf(plan.Upper[i]);
            zc[i] = Math.Clamp(NormalMath.Quantile(0.5 * (a + b)), plan.Lower[i], plan.Upper[i]);
        }

        var p = plan.Precision;
        for (var s = 0; s < sweeps; s++)
        {
            for (var i = 0; i < k; i++)
            {
                var pii = p[(i * k) + i];
                double acc = 0;
                for (var l = 0; l < k; l++)
                {
                    if (l != i)
                    {
                        acc += p[(i * k) + l] * zc[l];
                    }
                }

                var mean = -acc / pii;
                var sd = 1 / Math.Sqrt(pii);
                var t = NormalMath.TruncatedStandard((plan.Lower[i] - mean) / sd, (plan.Upper[i] - mean) / sd, rng.NextOpenDouble());
                zc[i] = Math.Clamp(mean + (sd * t), plan.Lower[i], plan.Upper[i]);
            }
        }
    }
}
