using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SynthVault.Synthesis.Cart;

/// <summary>
/// One fitted tree as flat arrays (no node objects). Node i splits on feature <see cref="Feature"/>[i] (−1 for a
/// leaf): numbers go left when missing or ≤ <see cref="Threshold"/>[i]; categories go left when
/// <see cref="CategoryMasks"/>[<see cref="MaskOffset"/>[i] + code] is 1. A leaf holds the observed target
/// values of its training rows (<see cref="LeafValues"/>[LeafStart .. LeafStart + LeafCount)), category indices
/// for categorical targets, plus a smoothing bandwidth and spike value for numeric ones.
/// </summary>
internal sealed class CartTree
{
    public int[] Feature { get; set; } = [];

    public double[] Threshold { get; set; } = [];

    public int[] MaskOffset { get; set; } = [];

    public byte[] CategoryMasks { get; set; } = [];

    public int[] Left { get; set; } = [];

    public int[] Right { get; set; } = [];

    public int[] LeafStart { get; set; } = [];

    public int[] LeafCount { get; set; } = [];

    public double[] LeafValues { get; set; } = [];

    /// <summary>Kernel bandwidth per node (leaves of smoothed numeric targets; 0 otherwise).</summary>
    public double[] Bandwidth { get; set; } = [];

    /// <summary>The value left unsmoothed per node (a leaf's mode when it holds over 70 % of the values), NaN when none.</summary>
    public double[] Spike { get; set; } = [];

    /// <summary>Mask length per categorical split feature, to treat unseen codes as "right".</summary>
    public int[] MaskLength { get; set; } = [];

    public int NodeCount => Feature.Length;

    /// <summary>Deep in a tree few rows reach a node; below this many a row walks on alone (cheaper than routing).</summary>
    private const int WalkAlone = 16;

    /// <summary>
    /// The leaf of each row in [<paramref name="from"/>, <paramref name="from"/> + <paramref name="leaves"/>.Length)
    /// of <paramref name="columns"/> (every feature's values, codes as numbers), written to <paramref name="leaves"/>.
    /// Nodes are visited once per block, each routing the rows that reach it in one tight, branch-free loop
    /// (a stable partition into left and right), instead of each row walking the tree on its own: the per-row
    /// walk is a chain of dependent loads and unpredictable branches, the block walk streams through a column.
    /// <paramref name="rows"/> and <paramref name="scratch"/> are work space of at least the block's length.
    /// </summary>
    public void Leaves(double[][] columns, int from, Span<int> leaves, Span<int> rows, Span<int> scratch)
    {
        var block = rows[..leaves.Length];
        for (var i = 0; i < block.Length; i++)
        {
            block[i] = from + i;
        }

        Route(0, columns, block, scratch, leaves, from);
    }

    /// <summary>The leaf one row reaches from <paramref name="node"/>, walking down alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Walk(int node, double[][] columns, int row)
    {
        var feature = Feature;
        while (feature[node] >= 0)
        {
            var x = columns[feature[node]][row];
            var offset = MaskOffset[node];
            bool left;
            if (offset < 0)
            {
                left = !(x > Threshold[node]);
            }
            else
            {
                var code = (int)x;
                left = (uint)code < (uint)MaskLength[node] && CategoryMasks[offset + code] != 0;
            }

            node = left ? Left[node] : Right[node];
        }

        return node;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Route(int node, double[][] columns, Span<int> rows, Span<int> scratch, Span<int> leaves, int from)
    {
        while (rows.Length > 0)
        {
            if (rows.Length <= WalkAlone)
            {
                foreach (var row in rows)
                {
                    leaves[row - from] = Walk(node, columns, row);
                }

                return;
            }

            var feature = Feature[node];
            if (feature < 0)
            {
                foreach (var row in rows)
                {
                    leaves[row - from] = node;
                }

                return;
            }

            // Every row index is below the column length (rows of the sampled table), so the hot loops index
            // without bounds checks; rows and scratch hold at least rows.Length entries.
            var x = columns[feature];
            ref var x0 = ref MemoryMarshal.GetArrayDataReference(x);
            ref var rows0 = ref MemoryMarshal.GetReference(rows);
            ref var scratch0 = ref MemoryMarshal.GetReference(scratch);
            var offset = MaskOffset[node];
            int left = 0, right = 0;
            if (offset < 0)
            {
                // Missing (NaN) or ≤ threshold goes left, i.e. everything that is not > threshold.
                var threshold = Threshold[node];
                for (var i = 0; i < rows.Length; i++)
                {
                    var row = Unsafe.Add(ref rows0, i);
                    var goesRight = Unsafe.Add(ref x0, row) > threshold ? 1 : 0;
                    Unsafe.Add(ref rows0, left) = row;
                    Unsafe.Add(ref scratch0, right) = row;
                    left += 1 - goesRight;
                    right += goesRight;
                }
            }
            else
            {
                // Codes the split never saw (beyond the mask) go right.
                var mask = CategoryMasks.AsSpan(offset, MaskLength[node]);
                for (var i = 0; i < rows.Length; i++)
                {
                    var row = Unsafe.Add(ref rows0, i);
                    var code = (int)Unsafe.Add(ref x0, row);
                    var goesLeft = (uint)code < (uint)mask.Length && mask[code] != 0 ? 1 : 0;
                    Unsafe.Add(ref rows0, left) = row;
                    Unsafe.Add(ref scratch0, right) = row;
                    left += goesLeft;
                    right += 1 - goesLeft;
                }
            }

            for (var i = 0; i < right; i++)
            {
                Unsafe.Add(ref rows0, left + i) = Unsafe.Add(ref scratch0, i);
            }

            Route(Left[node], columns, rows[..left], scratch, leaves, from);
            node = Right[node];
            rows = rows[left..];
        }
    }
}
