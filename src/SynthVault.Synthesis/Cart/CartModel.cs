using System.Globalization;
using System.Runtime.CompilerServices;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Internal;

namespace SynthVault.Synthesis.Cart;

/// <summary>What sequential CART learned. Holds observed training values (leaves, first column): sensitive.</summary>
internal sealed class CartState
{
    public FeatureSpec[] Features { get; set; } = [];

    public PassThroughSpec[] Others { get; set; } = [];

    /// <summary>Feature indices in visit order.</summary>
    public int[] Order { get; set; } = [];

    /// <summary>Tree per visit position (position 0 has none: it is drawn from its marginal).</summary>
    public CartTree?[] Trees { get; set; } = [];

    /// <summary>Observed values of the first column when it is numeric, ascending (NaN = missing first).</summary>
    public double[] FirstValues { get; set; } = [];

    public double FirstBandwidth { get; set; }

    public double FirstSpike { get; set; } = double.NaN;

    public bool[] Smooth { get; set; } = [];
}

/// <summary>A fitted sequential CART model; samples in fixed partitions with seeds derived from the sample seed.</summary>
internal sealed class CartModel : ISynthesizerModel
{
    /// <summary>Rows per partition; fixed, so output does not depend on the thread count.</summary>
    public const int PartitionSize = 16_384;

    /// <summary>Below this estimated acceptance, conditions on late columns are refused (no blind rejection loops).</summary>
    private const double MinAcceptance = 0.01;

    private const int PilotRows = 4096;

    /// <summary>Rows routed through a tree at a time: the block's indices and leaves stay in the L1/L2 cache.</summary>
    private const int BlockSize = 4096;

    private readonly double[][] cumulative;

    /// <summary>Per visit position, per node: what a draw needs from a leaf, packed so one cache line holds it.</summary>
    private readonly LeafDraw[][] leafDraws;

    public CartModel(TableSchema schema, ModelProvenance provenance, CartOptions options, CartState state)
    {
        Schema = schema;
        Provenance = provenance;
        Options = options;
        State = state;
        cumulative = [.. state.Features.Select(f => f.IsCategorical ? Copula.CopulaState.Cuts(f.Frequencies) : [])];
        leafDraws = [.. state.Trees.Select(LeafDraw.Table)];
    }

    public TableSchema Schema { get; }

    public ModelProvenance Provenance { get; }

    public CartOptions Options { get; }

    public CartState State { get; }

    public Table Sample(int rows, SampleConditions? conditions, long seed, IProgress<ProgressUpdate>? progress = null, CancellationToken ct = default)
    {
        if (rows < 0)
        {
            throw new SynthVaultException($"Cannot sample {rows} rows.", hint: "Ask for zero or more rows.");
        }

        var specs = State.Features;
        var resolved = ConditionResolver.Resolve(conditions, specs, State.Others);
        var plan = BuildPlan(resolved);
        var streams = new SeedStreams(seed);
        if (plan.LastWeighted >= 0)
        {
            CheckAcceptance(plan, resolved, streams);
        }

        var columns = new double[specs.Length][];
        for (var f = 0; f < specs.Length; f++)
        {
            columns[f] = new double[rows];
        }

        var partitions = (rows + PartitionSize - 1) / PartitionSize;
        var done = 0L;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism, CancellationToken = ct };
        Parallel.For(0, partitions, parallel, p =>
        {
            var rng = streams.CreateGenerator("sample", p);
            var start = p * PartitionSize;
            var end = Math.Min(rows, start + PartitionSize);
            SamplePartition(plan, columns, start, end, ref rng, ct);
            progress?.Report(new ProgressUpdate("sample", Interlocked.Add(ref done, end - start), rows));
        });

        var output = new EncodedColumn[specs.Length];
        for (var f = 0; f < specs.Length; f++)
        {
            if (specs[f].IsCategorical)
            {
                var codes = new int[rows];
                var source = columns[f];
                for (var i = 0; i < rows; i++)
                {
                    codes[i] = (int)source[i];
                }

                output[f] = new EncodedColumn(null, codes);
            }
            else
            {
                output[f] = new EncodedColumn(columns[f], null);
            }
        }

        return OutputBuilder.Assemble(Schema, specs, output, State.Others, rows, seed, Options.MaxDegreeOfParallelism);
    }

    /// <summary>
    /// How conditions are met. A condition on the first visited column restricts its marginal. A condition on a
    /// later column forces the column (a category, or a leaf value inside the range) and weights the row by the
    /// probability the leaf gives the condition; rows are accepted with probability weight / max weight, which is
    /// exact rejection sampling from the model's conditional distribution (the earlier columns are drawn from
    /// their unconditional trees, the envelope being the largest leaf probability).
    /// </summary>
    private sealed record SamplingPlan(
        ResolvedCondition?[] ByFeature,
        int FirstStart,
        int FirstCount,
        double[]?[] LeafWeights,
        double MaxWeight,
        int LastWeighted);

    private SamplingPlan BuildPlan(ResolvedCondition[] conditions)
    {
        var specs = State.Features;
        var order = State.Order;
        var byFeature = new ResolvedCondition?[specs.Length];
        foreach (var c in conditions)
        {
            byFeature[c.Feature] = c;
        }

        var firstStart = 0;
        var firstCount = State.FirstValues.Length;
        var weights = new double[]?[order.Length];
        var maxWeight = 1.0;
        var lastWeighted = -1;
        for (var pos = 0; pos < order.Length; pos++)
        {
            var f = order[pos];
            if (byFeature[f] is not { } c)
            {
                continue;
            }

            var spec = specs[f];
            if (pos == 0)
            {
                if (!spec.IsCategorical)
                {
                    (firstStart, firstCount) = RangeIn(State.FirstValues, c, spec);
                    if (firstCount == 0)
                    {
                        throw NoTrainingValue(c, spec);
                    }
                }

                continue;
            }

            var tree = State.Trees[pos]!;
            var w = new double[tree.NodeCount];
            var best = 0.0;
            for (var node = 0; node < tree.NodeCount; node++)
            {
                if (tree.Feature[node] >= 0 || tree.LeafCount[node] == 0)
                {
                    continue;
                }

                var hits = 0;
                var s = tree.LeafStart[node];
                for (var i = 0; i < tree.LeafCount[node]; i++)
                {
                    hits += Satisfies(tree.LeafValues[s + i], c, spec) ? 1 : 0;
                }

                w[node] = hits / (double)tree.LeafCount[node];
                best = Math.Max(best, w[node]);
            }

            if (best <= 0)
            {
                throw NoTrainingValue(c, spec);
            }

            weights[pos] = w;
            maxWeight *= best;
            lastWeighted = pos;
        }

        return new SamplingPlan(byFeature, firstStart, firstCount, weights, maxWeight, lastWeighted);
    }

    private static SynthVaultException NoTrainingValue(ResolvedCondition c, FeatureSpec spec) =>
        new($"The condition '{c.Clause}' matches no training value, and CART only draws observed values.", column: spec.Name, hint: "Widen the range to include observed values.");

    private static bool Satisfies(double value, ResolvedCondition c, FeatureSpec spec)
    {
        if (c.IsCategory)
        {
            return (int)value == c.Category;
        }

        if (double.IsNaN(value))
        {
            return false;
        }

        if (spec.RoundToInteger || spec.RoundToDays)
        {
            var r = Math.Round(value, MidpointRounding.AwayFromZero);
            return r >= Math.Ceiling(c.Lo) && r <= Math.Floor(c.Hi);
        }

        return value >= c.Lo && value <= c.Hi;
    }

    /// <summary>
    /// The block of ascending values meeting a range condition: contiguous, because rounding keeps order and
    /// missing values (NaN) sort first and never meet a range.
    /// </summary>
    private static (int Start, int Count) RangeIn(double[] sorted, ResolvedCondition c, FeatureSpec spec)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (!double.IsNaN(sorted[mid]) && sorted[mid] >= c.Lo - 0.5)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        var first = lo;
        while (first < sorted.Length && !Satisfies(sorted[first], c, spec))
        {
            first++;
        }

        var last = first;
        while (last < sorted.Length && Satisfies(sorted[last], c, spec))
        {
            last++;
        }

        return (first, last - first);
    }

    private void CheckAcceptance(SamplingPlan plan, ResolvedCondition[] conditions, SeedStreams streams)
    {
        var rng = streams.CreateGenerator("pilot");
        var work = new WorkSpace();
        var specs = State.Features;
        var buffers = new double[specs.Length][];
        for (var f = 0; f < specs.Length; f++)
        {
            buffers[f] = new double[PilotRows];
        }

        var weights = new double[PilotRows];
        Array.Fill(weights, 1.0);
        for (var pos = 0; pos <= plan.LastWeighted; pos++)
        {
            DrawPosition(plan, pos, buffers, 0, PilotRows, weights, work, ref rng);
        }

        double expected = 0;
        foreach (var w in weights)
        {
            expected += w / plan.MaxWeight;
        }

        var rate = expected / PilotRows;
        if (rate < MinAcceptance)
        {
            var late = string.Join(", ", conditions.Where(c => Array.IndexOf(State.Order, c.Feature) > 0).Select(c => $"'{c.Clause}'"));
            throw new SynthVaultException(
                string.Create(CultureInfo.InvariantCulture, $"The condition {late} is rare under this CART model ({rate:P2} of candidate rows would qualify) and its column is not visited first, so it cannot be met efficiently."),
                column: specs[conditions.First(c => Array.IndexOf(State.Order, c.Feature) > 0).Feature].Name,
                hint: "Refit with CartOptions.VisitOrder starting with the conditioned columns (the label is first by default).");
        }
    }

    private void SamplePartition(SamplingPlan plan, double[][] columns, int start, int end, ref Xoshiro256 rng, CancellationToken ct)
    {
        var order = State.Order;
        var work = new WorkSpace();
        if (plan.LastWeighted < 0)
        {
            for (var pos = 0; pos < order.Length; pos++)
            {
                DrawPosition(plan, pos, columns, start, end, null, work, ref rng);
            }

            return;
        }

        // Rejection on the columns up to the last weighted condition, in batches; then the rest on accepted rows.
        var specs = State.Features;
        var need = end - start;
        var batch = Math.Min(65_536, Math.Max(1024, need * 4));
        var buffers = new double[specs.Length][];
        for (var f = 0; f < specs.Length; f++)
        {
            buffers[f] = new double[batch];
        }

        var weights = new double[batch];
        var filled = 0;
        long attempts = 0;
        while (filled < need)
        {
            ct.ThrowIfCancellationRequested();
            Array.Fill(weights, 1.0);
            for (var pos = 0; pos <= plan.LastWeighted; pos++)
            {
                DrawPosition(plan, pos, buffers, 0, batch, weights, work, ref rng);
            }

            for (var i = 0; i < batch && filled < need; i++)
            {
                if (rng.NextDouble() * plan.MaxWeight < weights[i])
                {
                    for (var pos = 0; pos <= plan.LastWeighted; pos++)
                    {
                        var f = order[pos];
                        columns[f][start + filled] = buffers[f][i];
                    }

                    filled++;
                }
            }

            attempts += batch;
            if (attempts > 2_000L * Math.Max(need, 1) && filled < need)
            {
                throw new SynthVaultException("Conditional sampling accepted too few rows; the conditions are too rare for this CART model.", hint: "Refit with CartOptions.VisitOrder starting with the conditioned columns.");
            }
        }

        for (var pos = plan.LastWeighted + 1; pos < order.Length; pos++)
        {
            DrawPosition(plan, pos, columns, start, end, null, work, ref rng);
        }
    }

    /// <summary>Draws visit position <paramref name="pos"/> for rows [from, to) of <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DrawPosition(SamplingPlan plan, int pos, double[][] columns, int from, int to, double[]? weights, WorkSpace work, ref Xoshiro256 rng)
    {
        var f = State.Order[pos];
        var spec = State.Features[f];
        var condition = plan.ByFeature[f];
        var target = columns[f];
        var smooth = State.Smooth[f];
        var rounds = spec.RoundToInteger || spec.RoundToDays;
        var categorical = spec.IsCategorical;
        if (pos == 0)
        {
            if (spec.IsCategorical)
            {
                var cuts = cumulative[f];
                for (var row = from; row < to; row++)
                {
                    target[row] = condition is { } c ? c.Category : Internal.CategoryIntervals.Find(cuts, cuts, rng.NextDouble());
                }

                return;
            }

            var values = State.FirstValues;
            for (var row = from; row < to; row++)
            {
                var v = values[plan.FirstStart + rng.NextInt(plan.FirstCount)];
                target[row] = Finish(v, smooth, State.FirstBandwidth, State.FirstSpike, spec, rounds, condition, ref rng);
            }

            return;
        }

        var tree = State.Trees[pos]!;
        var leafWeights = plan.LeafWeights[pos];
        var leafValues = tree.LeafValues;
        var draws = leafDraws[pos];
        var leaves = work.Leaves;
        for (var blockStart = from; blockStart < to; blockStart += BlockSize)
        {
            var blockEnd = Math.Min(to, blockStart + BlockSize);
            tree.Leaves(columns, blockStart, leaves.AsSpan(0, blockEnd - blockStart), work.Rows, work.Scratch);

            // Draws stay in row order, so the random stream is consumed exactly as a row-by-row walk would.
            for (var row = blockStart; row < blockEnd; row++)
            {
                var leaf = leaves[row - blockStart];
                ref readonly var draw = ref draws[leaf];
                var start = draw.Start;
                var count = draw.Count;
                double v;
                if (condition is not { } c)
                {
                    v = leafValues[start + rng.NextInt(count)];
                }
                else
                {
                    var w = leafWeights![leaf];
                    weights![row] *= w;
                    if (w <= 0)
                    {
                        v = c.IsCategory ? c.Category : c.Lo;
                    }
                    else if (c.IsCategory)
                    {
                        v = c.Category;
                    }
                    else
                    {
                        // The k-th leaf value that meets the range, k uniform.
                        var k = rng.NextInt((int)Math.Round(w * count));
                        v = c.Lo;
                        for (var i = 0; i < count; i++)
                        {
                            var candidate = leafValues[start + i];
                            if (Satisfies(candidate, c, spec) && k-- == 0)
                            {
                                v = candidate;
                                break;
                            }
                        }
                    }
                }

                target[row] = categorical ? v : Finish(v, smooth, draw.Bandwidth, draw.Spike, spec, rounds, condition, ref rng);
            }
        }
    }

    private static double Finish(double v, bool smooth, double bandwidth, double spike, FeatureSpec spec, bool rounds, ResolvedCondition? condition, ref Xoshiro256 rng)
    {
        if (double.IsNaN(v))
        {
            return v;
        }

        if (smooth && bandwidth > 0 && v != spike)
        {
            v = Math.Clamp(v + (bandwidth * rng.NextGaussian()), spec.Min, spec.Max);
        }

        if (rounds)
        {
            v = Math.Round(v, MidpointRounding.AwayFromZero);
        }

        return condition is { } c ? c.Clamp(v, spec) : v;
    }

    /// <summary>Per-partition work space of the block tree walk, allocated once per partition, not per row.</summary>
    private sealed class WorkSpace
    {
        public int[] Leaves { get; } = new int[BlockSize];

        public int[] Rows { get; } = new int[BlockSize];

        public int[] Scratch { get; } = new int[BlockSize];
    }

    /// <summary>A leaf's slice of <see cref="CartTree.LeafValues"/> and its smoothing settings.</summary>
    private readonly record struct LeafDraw(int Start, int Count, double Bandwidth, double Spike)
    {
        public static LeafDraw[] Table(CartTree? tree)
        {
            if (tree is null)
            {
                return [];
            }

            var table = new LeafDraw[tree.NodeCount];
            for (var node = 0; node < table.Length; node++)
            {
                table[node] = new LeafDraw(tree.LeafStart[node], tree.LeafCount[node], tree.Bandwidth[node], tree.Spike[node]);
            }

            return table;
        }
    }
}
