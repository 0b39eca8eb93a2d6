using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Randomness;
using SynthVault.Synthesis.Rebalancing;

namespace SynthVault.App.Rebalancing;

/// <summary>
/// Makes a rare-class version of a table for demos and benchmarks: every row of the other classes is kept and a
/// seeded random subset of the positive class, sized so that the positive share is <c>share</c>
/// (positives kept = round(share · others / (1 − share))). Rows keep their input order.
/// </summary>
public static class RareClassSample
{
    /// <summary>The rows kept (ascending indices into <paramref name="data"/>).</summary>
    public static int[] Rows(Table data, string label, string positiveValue, double share, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (share is <= 0 or >= 1 || double.IsNaN(share))
        {
            throw new SynthVaultException($"The positive share must be between 0 and 1 (exclusive); got {share}.", column: label);
        }

        var mask = LabelValues.PositiveMask(data[label], positiveValue);
        var positives = Enumerable.Range(0, mask.Length).Where(i => mask[i]).ToArray();
        var others = mask.Length - positives.Length;
        var keep = (int)Math.Round(share * others / (1 - share), MidpointRounding.AwayFromZero);
        if (keep < 1 || keep > positives.Length)
        {
            throw new SynthVaultException(
                $"A {share * 100:0.##} % share needs {keep} rows of class '{positiveValue}'; the data has {positives.Length}.", column: label);
        }

        var rng = new SeedStreams(seed).CreateGenerator("rare-class-sample");
        for (var i = 0; i < keep; i++)
        {
            var j = i + rng.NextInt(positives.Length - i);
            (positives[i], positives[j]) = (positives[j], positives[i]);
        }

        var kept = new HashSet<int>(positives.Take(keep));
        return [.. Enumerable.Range(0, mask.Length).Where(i => !mask[i] || kept.Contains(i))];
    }

    /// <summary>The rare-class table.</summary>
    public static Table Take(Table data, string label, string positiveValue, double share, long seed) =>
        data.Take(Rows(data, label, positiveValue, share, seed));
}
