using System.Runtime.CompilerServices;
using SynthVault.Synthesis.Internal;

namespace SynthVault.Synthesis.Copula;

/// <summary>A column that is an exact function of another in the training data (e.g. education → education_num).</summary>
internal sealed class Derivation
{
    /// <summary>The feature it is derived from (never itself derived).</summary>
    public int Parent { get; set; }

    /// <summary>The parent's observed values (category indices or whole numbers), ascending.</summary>
    public double[] ParentKeys { get; set; } = [];

    /// <summary>The child's value (category index or number) for each parent key.</summary>
    public double[] ChildValues { get; set; } = [];

    /// <summary>The child value for a sampled parent value (the nearest observed parent value).</summary>
    public double Lookup(double parent)
    {
        var keys = ParentKeys;
        int lo = 0, hi = keys.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (keys[mid] < parent)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        if (lo > 0 && Math.Abs(keys[lo - 1] - parent) <= Math.Abs(keys[lo] - parent))
        {
            lo--;
        }

        return ChildValues[lo];
    }
}

/// <summary>
/// Finds exact functional dependencies between discrete columns (categories, and whole numbers with few values
/// and no missing ones): where every value of A comes with one value of B, B is derived from A instead of being
/// a latent dimension of its own. A Gaussian copula cannot represent a many-to-one mapping such as education →
/// education_num through a correlation, and breaking it is what a real-vs-synthetic classifier notices first;
/// SDV asks the user to declare such constraints (FixedCombinations), here they are found in the data.
/// A needs on average at least <see cref="MinRowsPerValue"/> rows per value so a dependency is not an accident
/// of a small table.
/// </summary>
internal static class Dependencies
{
    private const int MaxDistinct = 256;
    private const int MinRowsPerValue = 5;

    public static Derivation?[] Detect(FeatureSpec[] specs, EncodedColumn[] data, int[] rows, int totalRows)
    {
        var f = specs.Length;
        var result = new Derivation?[f];
        var codes = new int[f][];
        var keys = new double[f][];
        for (var i = 0; i < f; i++)
        {
            (codes[i], keys[i]) = Discrete(specs[i], data[i], rows) ?? (null!, null!);
        }

        var kept = new bool[f];
        for (var b = 0; b < f; b++)
        {
            if (codes[b] is null || kept[b] || keys[b].Length < 2)
            {
                continue;
            }

            for (var a = 0; a < f; a++)
            {
                if (a == b || codes[a] is null || result[a] is not null || keys[a].Length * MinRowsPerValue > rows.Length)
                {
                    continue;
                }

                var map = Map(codes[a], keys[a].Length, codes[b]);
                if (map is null || (rows.Length < totalRows && !HoldsOnAllRows(specs[a], data[a], specs[b], data[b], keys[a], keys[b], map)))
                {
                    continue;
                }

                result[b] = new Derivation
                {
                    Parent = a,
                    ParentKeys = keys[a],
                    ChildValues = [.. map.Select(m => keys[b][m])],
                };
                kept[a] = true;
                break;
            }
        }

        return result;
    }

    /// <summary>Dense codes over the given rows and the sorted keys they index; null when the column is not discrete.</summary>
    private static (int[] Codes, double[] Keys)? Discrete(FeatureSpec spec, EncodedColumn data, int[] rows)
    {
        double[] raw;
        if (spec.IsCategorical)
        {
            raw = [.. rows.Select(r => (double)data.Codes![r])];
        }
        else if (spec.RoundToInteger && spec.NullRate == 0 && !spec.AllNull && spec.DistinctCount <= MaxDistinct)
        {
            raw = [.. rows.Select(r => data.Values![r])];
        }
        else
        {
            return null;
        }

        var keys = raw.Distinct().Order().ToArray();
        if (keys.Length > MaxDistinct)
        {
            return null;
        }

        var index = new Dictionary<double, int>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            index[keys[i]] = i;
        }

        return ([.. raw.Select(v => index[v])], keys);
    }

    /// <summary>For each code of A the code of B, or null when some A code meets two B codes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[]? Map(int[] a, int aCount, int[] b)
    {
        var map = new int[aCount];
        Array.Fill(map, -1);
        for (var i = 0; i < a.Length; i++)
        {
            ref var m = ref map[a[i]];
            if (m < 0)
            {
                m = b[i];
            }
            else if (m != b[i])
            {
                return null;
            }
        }

        return map;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HoldsOnAllRows(FeatureSpec sa, EncodedColumn da, FeatureSpec sb, EncodedColumn db, double[] keysA, double[] keysB, int[] map)
    {
        var n = sa.IsCategorical ? da.Codes!.Length : da.Values!.Length;
        for (var r = 0; r < n; r++)
        {
            var va = sa.IsCategorical ? da.Codes![r] : da.Values![r];
            var vb = sb.IsCategorical ? db.Codes![r] : db.Values![r];
            var ia = Array.BinarySearch(keysA, va);
            if (ia < 0 || keysB[map[ia]] != vb)
            {
                return false;
            }
        }

        return true;
    }
}
