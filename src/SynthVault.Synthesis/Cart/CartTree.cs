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

    /// <summary>The leaf a row lands in; <paramref name="columns"/> holds every feature's values (codes as numbers).</summary>
    public int Leaf(double[][] columns, int row)
    {
        var node = 0;
        var feature = Feature;
        while (feature[node] >= 0)
        {
            var x = columns[feature[node]][row];
            var offset = MaskOffset[node];
            bool left;
            if (offset < 0)
            {
                left = double.IsNaN(x) || x <= Threshold[node];
            }
            else
            {
                var code = (int)x;
                left = code < MaskLength[node] && CategoryMasks[offset + code] != 0;
            }

            node = left ? Left[node] : Right[node];
        }

        return node;
    }
}
