using SynthVault.Core.Data;
using SynthVault.Core.Randomness;
using SynthVault.Testing;

namespace SynthVault.Synthesis.Tests;

/// <summary>Adult split 50/50 at random with a fixed seed: train to fit on, holdout to judge on.</summary>
internal static class AdultSplit
{
    private static readonly Lazy<(Table Train, Table Holdout)> Split = new(() =>
    {
        var adult = TestData.Adult;
        var rng = new Xoshiro256(20_240_601);
        var perm = Enumerable.Range(0, adult.RowCount).ToArray();
        for (var i = perm.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }

        var half = adult.RowCount / 2;
        return (adult.Take(perm.AsSpan(0, half)), adult.Take(perm.AsSpan(half, half)));
    });

    public static Table Train => Split.Value.Train;

    public static Table Holdout => Split.Value.Holdout;
}
