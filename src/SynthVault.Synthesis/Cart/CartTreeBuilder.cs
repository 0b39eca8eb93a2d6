using System.Runtime.CompilerServices;
namespace SynthVault.Synthesis.Cart;

/// <summary>A predictor as histogram bins: numbers in quantile bins (bin 0 = missing), categories by index.</summary>
internal sealed class BinnedPredictor
{
    public required ushort[] Bins { get; init; }

    /// <summary>Number of bins (numbers: quantile bins + 1 for missing; categories: the category count).</summary>
    public required int BinCount { get; init; }

    public required bool IsCategorical { get; init; }

    /// <summary>Numbers: upper edge of each bin (edge[0] = −∞ for the missing bin, last = +∞).</summary>
    public double[] Edges { get; init; } = [];

    /// <summary>Bins a numeric column on up to <paramref name="maxBins"/> quantile edges (all distinct values when fewer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BinnedPredictor Numeric(double[] values, int maxBins)
    {
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(present);
        var distinct = new List<double>();
        foreach (var v in present)
        {
            if (distinct.Count == 0 || distinct[^1] != v)
            {
                distinct.Add(v);
            }
        }

        var edges = new List<double> { double.NegativeInfinity };
        if (distinct.Count <= maxBins)
        {
            edges.AddRange(distinct);
        }
        else
        {
            for (var i = 1; i < maxBins; i++)
            {
                var q = present[(int)((long)i * present.Length / maxBins)];
                if (q > edges[^1])
                {
                    edges.Add(q);
                }
            }
        }

        // Everything above the last edge shares the top bin.
        if (edges.Count == 1 || edges[^1] != double.PositiveInfinity)
        {
            edges.Add(double.PositiveInfinity);
        }

        var e = edges.ToArray();
        var bins = new ushort[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (double.IsNaN(v))
            {
                bins[i] = 0;
                continue;
            }

            // First edge index b >= 1 with v <= e[b].
            int lo = 1, hi = e.Length - 1;
            while (lo < hi)
            {
                var mid = (lo + hi) >> 1;
                if (v <= e[mid])
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            bins[i] = (ushort)lo;
        }

        return new BinnedPredictor { Bins = bins, BinCount = e.Length, IsCategorical = false, Edges = e };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BinnedPredictor Categorical(int[] codes, int categories)
    {
        var bins = new ushort[codes.Length];
        var cap = Math.Min(categories, ushort.MaxValue);
        for (var i = 0; i < codes.Length; i++)
        {
            // More than 65,535 categories: the rarest share the last bin.
            bins[i] = (ushort)Math.Min(codes[i], cap - 1);
        }

        return new BinnedPredictor { Bins = bins, BinCount = cap, IsCategorical = true };
    }
}

/// <summary>
/// Grows one CART tree the way rpart does for synthpop (Breiman et al., 1984): regression trees minimise the
/// sum of squares, classification trees the Gini impurity; a split needs at least <c>minLeaf</c> rows on each
/// side, nodes under <c>minSplit</c> rows are not split, and a split must lower the impurity by at least
/// <c>cp</c> × the root's. Numeric predictors split between histogram bins; categorical predictors split on the
/// best prefix of their categories ordered by mean target (regression) or by the share of the node's most
/// common class (classification) — the exact optimum for regression and two-class targets (Breiman et al.,
/// §9.4), a standard heuristic otherwise. Each candidate is scanned in O(rows + bins) by counting-sorting the
/// node's rows by bin, so many classes cost no more than two.
/// </summary>
internal sealed class CartTreeBuilder
{
    private readonly BinnedPredictor[] predictors;
    private readonly int[] predictorFeatures;
    private readonly double[]? regressionTarget;
    private readonly double[] rawTarget;
    private readonly int[]? classTarget;
    private readonly int classes;
    private readonly int minLeaf;
    private readonly int minSplit;
    private readonly int maxDepth;
    private readonly double cp;

    private readonly int[] rows;
    private readonly int[] scratch;
    private readonly int[] binCounts;
    private readonly double[] binSums;
    private readonly int[] binOrder;
    private readonly int[] binRank;
    private readonly int[] binStart;
    private readonly double[] binKey;
    private readonly long[] leftClass;
    private readonly long[] rightClass;
    private readonly long[] nodeClass;

    private readonly List<int> feature = [];
    private readonly List<double> threshold = [];
    private readonly List<int> maskOffset = [];
    private readonly List<int> maskLength = [];
    private readonly List<byte> masks = [];
    private readonly List<int> left = [];
    private readonly List<int> right = [];
    private readonly List<int> leafStart = [];
    private readonly List<int> leafCount = [];
    private readonly List<double> leafValues = [];

    /// <param name="predictors">Binned predictors.</param>
    /// <param name="predictorFeatures">Feature index of each predictor (what the tree stores).</param>
    /// <param name="target">Numbers (NaN = missing) or category indices as numbers.</param>
    /// <param name="classes">Category count for a categorical target; 0 for a numeric one.</param>
    /// <param name="minLeaf">Fewest rows in a leaf.</param>
    /// <param name="maxDepth">Deepest level.</param>
    /// <param name="cp">Complexity: least impurity decrease of a split, as a share of the root's.</param>
    public CartTreeBuilder(BinnedPredictor[] predictors, int[] predictorFeatures, double[] target, int classes, int minLeaf, int maxDepth, double cp)
    {
        this.predictors = predictors;
        this.predictorFeatures = predictorFeatures;
        rawTarget = target;
        this.classes = classes;
        this.minLeaf = Math.Max(1, minLeaf);
        minSplit = Math.Max(2 * this.minLeaf, 20);
        this.maxDepth = maxDepth;
        this.cp = cp;
        var n = target.Length;
        if (classes > 0)
        {
            classTarget = new int[n];
            for (var i = 0; i < n; i++)
            {
                classTarget[i] = (int)target[i];
            }
        }
        else
        {
            // Missing targets count at the mean for the sum of squares; the leaves still keep them as missing.
            double sum = 0;
            var count = 0;
            foreach (var v in target)
            {
                if (!double.IsNaN(v))
                {
                    sum += v;
                    count++;
                }
            }

            var mean = count > 0 ? sum / count : 0;
            regressionTarget = [.. target.Select(v => double.IsNaN(v) ? mean : v)];
        }

        rows = new int[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = i;
        }

        scratch = new int[n];
        var maxBins = predictors.Length == 0 ? 1 : predictors.Max(p => p.BinCount);
        binCounts = new int[maxBins];
        binSums = new double[maxBins];
        binOrder = new int[maxBins];
        binRank = new int[maxBins];
        binStart = new int[maxBins + 1];
        binKey = new double[maxBins];
        leftClass = new long[Math.Max(classes, 1)];
        rightClass = new long[Math.Max(classes, 1)];
        nodeClass = new long[Math.Max(classes, 1)];
    }

    public CartTree Build(CancellationToken ct)
    {
        var n = rows.Length;
        var rootImpurity = Impurity(0, n);
        var minGain = cp * rootImpurity;
        var stack = new Stack<(int Node, int Start, int End, int Depth)>();
        stack.Push((NewNode(), 0, n, 0));
        var processed = 0;
        while (stack.Count > 0)
        {
            if ((++processed & 1023) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var (node, start, end, depth) = stack.Pop();
            var count = end - start;
            var impurity = Impurity(start, end);
            var best = new Split();
            if (count >= minSplit && depth < maxDepth && impurity > 1e-12 * Math.Max(1, rootImpurity))
            {
                best = FindSplit(start, end);
            }

            if (best.Predictor < 0 || !(best.Gain > minGain) || best.Gain <= 1e-12 * Math.Max(1, rootImpurity))
            {
                MakeLeaf(node, start, end);
                continue;
            }

            var mid = Partition(start, end, best);
            var l = NewNode();
            var r = NewNode();
            left[node] = l;
            right[node] = r;
            feature[node] = predictorFeatures[best.Predictor];
            var p = predictors[best.Predictor];
            if (p.IsCategorical)
            {
                maskOffset[node] = masks.Count;
                maskLength[node] = p.BinCount;
                for (var b = 0; b < p.BinCount; b++)
                {
                    masks.Add(best.LeftSet![b] ? (byte)1 : (byte)0);
                }
            }
            else
            {
                threshold[node] = p.Edges[best.Bin];
            }

            // Right first so the left subtree is grown first (order only affects node numbering).
            stack.Push((r, mid, end, depth + 1));
            stack.Push((l, start, mid, depth + 1));
        }

        return new CartTree
        {
            Feature = [.. feature],
            Threshold = [.. threshold],
            MaskOffset = [.. maskOffset],
            MaskLength = [.. maskLength],
            CategoryMasks = [.. masks],
            Left = [.. left],
            Right = [.. right],
            LeafStart = [.. leafStart],
            LeafCount = [.. leafCount],
            LeafValues = [.. leafValues],
            Bandwidth = new double[feature.Count],
            Spike = Enumerable.Repeat(double.NaN, feature.Count).ToArray(),
        };
    }

    private int NewNode()
    {
        feature.Add(-1);
        threshold.Add(0);
        maskOffset.Add(-1);
        maskLength.Add(0);
        left.Add(-1);
        right.Add(-1);
        leafStart.Add(0);
        leafCount.Add(0);
        return feature.Count - 1;
    }

    private void MakeLeaf(int node, int start, int end)
    {
        leafStart[node] = leafValues.Count;
        leafCount[node] = end - start;
        for (var i = start; i < end; i++)
        {
            leafValues.Add(rawTarget[rows[i]]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Impurity(int start, int end)
    {
        var n = end - start;
        if (n == 0)
        {
            return 0;
        }

        if (classTarget is not null)
        {
            Array.Clear(nodeClass);
            for (var i = start; i < end; i++)
            {
                nodeClass[classTarget[rows[i]]]++;
            }

            double squares = 0;
            foreach (var c in nodeClass)
            {
                squares += (double)c * c;
            }

            return n - (squares / n);
        }

        double sum = 0, sumSq = 0;
        var y = regressionTarget!;
        for (var i = start; i < end; i++)
        {
            var v = y[rows[i]];
            sum += v;
            sumSq += v * v;
        }

        return Math.Max(0, sumSq - (sum * sum / n));
    }

    private struct Split
    {
        public int Predictor;
        public int Bin;
        public bool[]? LeftSet;
        public double Gain;

        public Split()
        {
            Predictor = -1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Split FindSplit(int start, int end)
    {
        var best = new Split();
        var n = end - start;
        double nodeScore;
        if (classTarget is not null)
        {
            // Impurity() just filled nodeClass for this node.
            double squares = 0;
            foreach (var c in nodeClass)
            {
                squares += (double)c * c;
            }

            nodeScore = squares / n;
        }
        else
        {
            double sum = 0;
            var y = regressionTarget!;
            for (var i = start; i < end; i++)
            {
                sum += y[rows[i]];
            }

            nodeScore = sum * sum / n;
        }

        var majority = 0;
        if (classTarget is not null)
        {
            for (var k = 1; k < classes; k++)
            {
                if (nodeClass[k] > nodeClass[majority])
                {
                    majority = k;
                }
            }
        }

        for (var p = 0; p < predictors.Length; p++)
        {
            var predictor = predictors[p];
            var bins = predictor.Bins;
            var binCount = predictor.BinCount;
            Array.Clear(binCounts, 0, binCount);
            Array.Clear(binSums, 0, binCount);
            for (var i = start; i < end; i++)
            {
                var r = rows[i];
                var b = bins[r];
                binCounts[b]++;
                binSums[b] += classTarget is not null ? (classTarget[r] == majority ? 1 : 0) : regressionTarget![r];
            }

            // Bin order: natural for numbers; by mean target (or majority-class share) for categories.
            var used = 0;
            for (var b = 0; b < binCount; b++)
            {
                if (binCounts[b] > 0)
                {
                    binOrder[used] = b;
                    binKey[used] = binSums[b] / binCounts[b];
                    used++;
                }
            }

            if (used < 2)
            {
                continue;
            }

            if (predictor.IsCategorical)
            {
                Array.Sort(binKey, binOrder, 0, used);
            }

            double bestScore;
            int bestCut;
            if (classTarget is null)
            {
                (bestScore, bestCut) = ScanRegression(used, n);
            }
            else
            {
                (bestScore, bestCut) = ScanClassification(predictor, start, end, used);
            }

            var gain = bestScore - nodeScore;
            if (bestCut >= 0 && gain > best.Gain)
            {
                best.Predictor = p;
                best.Gain = gain;
                if (predictor.IsCategorical)
                {
                    var set = new bool[binCount];
                    for (var t = 0; t <= bestCut; t++)
                    {
                        set[binOrder[t]] = true;
                    }

                    best.LeftSet = set;
                }
                else
                {
                    best.Bin = binOrder[bestCut];
                    best.LeftSet = null;
                }
            }
        }

        return best;
    }

    /// <summary>Best prefix of the ordered bins by SL²/nL + SR²/nR; returns (score, last left position) or (−∞, −1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double Score, int Cut) ScanRegression(int used, int n)
    {
        double total = 0;
        for (var t = 0; t < used; t++)
        {
            total += binSums[binOrder[t]];
        }

        double leftSum = 0;
        long leftCount = 0;
        var bestScore = double.NegativeInfinity;
        var bestCut = -1;
        for (var t = 0; t < used - 1; t++)
        {
            var b = binOrder[t];
            leftSum += binSums[b];
            leftCount += binCounts[b];
            var rightCount = n - leftCount;
            if (leftCount < minLeaf)
            {
                continue;
            }

            if (rightCount < minLeaf)
            {
                break;
            }

            var rightSum = total - leftSum;
            var score = (leftSum * leftSum / leftCount) + (rightSum * rightSum / rightCount);
            if (score > bestScore)
            {
                bestScore = score;
                bestCut = t;
            }
        }

        return (bestScore, bestCut);
    }

    /// <summary>
    /// Best prefix of the ordered bins by SL/nL + SR/nR with S = Σ class counts², updated row by row after a
    /// counting sort of the node's rows by bin rank.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double Score, int Cut) ScanClassification(BinnedPredictor predictor, int start, int end, int used)
    {
        var bins = predictor.Bins;
        var y = classTarget!;
        for (var t = 0; t < used; t++)
        {
            binRank[binOrder[t]] = t;
        }

        binStart[0] = 0;
        for (var t = 0; t < used; t++)
        {
            binStart[t + 1] = binStart[t] + binCounts[binOrder[t]];
        }

        // Counting sort by rank; binStart[t] becomes the end of rank t's block as rows are placed.
        for (var i = start; i < end; i++)
        {
            var r = rows[i];
            scratch[binStart[binRank[bins[r]]]++] = r;
        }

        Array.Clear(leftClass);
        Array.Copy(nodeClass, rightClass, classes);
        double leftSquares = 0, rightSquares = 0;
        foreach (var c in rightClass)
        {
            rightSquares += (double)c * c;
        }

        var n = end - start;
        long leftCount = 0;
        var bestScore = double.NegativeInfinity;
        var bestCut = -1;
        var position = 0;
        for (var t = 0; t < used - 1; t++)
        {
            var blockEnd = binStart[t];
            for (; position < blockEnd; position++)
            {
                var k = y[scratch[position]];
                leftSquares += (2 * leftClass[k]) + 1;
                leftClass[k]++;
                rightSquares -= (2 * rightClass[k]) - 1;
                rightClass[k]--;
            }

            leftCount = blockEnd;
            var rightCount = n - leftCount;
            if (leftCount < minLeaf)
            {
                continue;
            }

            if (rightCount < minLeaf)
            {
                break;
            }

            var score = (leftSquares / leftCount) + (rightSquares / rightCount);
            if (score > bestScore)
            {
                bestScore = score;
                bestCut = t;
            }
        }

        return (bestScore, bestCut);
    }

    /// <summary>Stable partition of rows[start..end) into left then right; returns the first right position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Partition(int start, int end, Split split)
    {
        var p = predictors[split.Predictor];
        var bins = p.Bins;
        var write = start;
        var spill = 0;
        for (var i = start; i < end; i++)
        {
            var r = rows[i];
            var b = bins[r];
            var goLeft = p.IsCategorical ? split.LeftSet![b] : b <= split.Bin;
            if (goLeft)
            {
                rows[write++] = r;
            }
            else
            {
                scratch[spill++] = r;
            }
        }

        Array.Copy(scratch, 0, rows, write, spill);
        return write;
    }
}
