using System.Globalization;
using SynthVault.Core.Data;

namespace SynthVault.Evaluation.Fidelity;

/// <summary>
/// The values of one discrete column in the real and the synthetic table, coded on one shared scale: codes are
/// handed out in order of first appearance, real rows first, then synthetic-only values (the insertion order of
/// Python's <c>Counter</c>, which decides SDMetrics' summation order). -1 marks a missing value.
/// <see cref="SortRank"/> orders the codes as pandas sorts the values (numbers numerically, strings ordinally).
/// </summary>
internal sealed class DiscreteCodes
{
    private DiscreteCodes(int[] real, int[] synthetic, string[] labels, int[] sortRank, int realDistinct)
    {
        Real = real;
        Synthetic = synthetic;
        Labels = labels;
        SortRank = sortRank;
        RealDistinct = realDistinct;
    }

    public int[] Real { get; }

    public int[] Synthetic { get; }

    /// <summary>The value of each code, for display.</summary>
    public string[] Labels { get; }

    /// <summary>Position of each code in sorted order.</summary>
    public int[] SortRank { get; }

    public int Count => Labels.Length;

    /// <summary>Codes below this value occur in the real table.</summary>
    public int RealDistinct { get; }

    /// <summary>Binned numbers: the bin index is the code and the order; there are no missing values.</summary>
    public static DiscreteCodes FromBins(int[] real, int[] synthetic, int binCount)
    {
        var labels = new string[binCount];
        var rank = new int[binCount];
        for (var i = 0; i < binCount; i++)
        {
            labels[i] = i.ToString(CultureInfo.InvariantCulture);
            rank[i] = i;
        }

        return new DiscreteCodes(real, synthetic, labels, rank, binCount);
    }

    public static DiscreteCodes From(Column real, Column synthetic)
    {
        if (real is StringColumn rs && synthetic is StringColumn ss)
        {
            return FromStrings(rs, ss);
        }

        return FromNumbers(real, synthetic);
    }

    private static DiscreteCodes FromStrings(StringColumn real, StringColumn synthetic)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new List<string>();
        var realCodes = Remap(real, index, labels);
        var realDistinct = labels.Count;
        var syntheticCodes = Remap(synthetic, index, labels);
        var order = Enumerable.Range(0, labels.Count).ToArray();
        var keys = labels.ToArray();
        Array.Sort(keys, order, StringComparer.Ordinal);
        return new DiscreteCodes(realCodes, syntheticCodes, [.. labels], Ranks(order), realDistinct);
    }

    private static int[] Remap(StringColumn column, Dictionary<string, int> index, List<string> labels)
    {
        var map = new int[column.Dictionary.Count];
        Array.Fill(map, -2);
        var codes = column.Codes;
        var result = new int[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            var c = codes[i];
            if (c < 0)
            {
                result[i] = -1;
                continue;
            }

            if (map[c] == -2)
            {
                var value = column.Dictionary[c];
                if (!index.TryGetValue(value, out var shared))
                {
                    shared = labels.Count;
                    index.Add(value, shared);
                    labels.Add(value);
                }

                map[c] = shared;
            }

            result[i] = map[c];
        }

        return result;
    }

    private static DiscreteCodes FromNumbers(Column real, Column synthetic)
    {
        var index = new Dictionary<double, int>();
        var values = new List<double>();
        var labels = new List<string>();
        var realCodes = Remap(real, index, values, labels);
        var realDistinct = labels.Count;
        var syntheticCodes = Remap(synthetic, index, values, labels);
        var order = Enumerable.Range(0, values.Count).ToArray();
        var keys = values.ToArray();
        Array.Sort(keys, order);
        return new DiscreteCodes(realCodes, syntheticCodes, [.. labels], Ranks(order), realDistinct);
    }

    private static int[] Remap(Column column, Dictionary<double, int> index, List<double> values, List<string> labels)
    {
        var numbers = column.ToDoubles();
        var result = new int[numbers.Length];
        for (var i = 0; i < numbers.Length; i++)
        {
            var x = numbers[i];
            if (double.IsNaN(x))
            {
                result[i] = -1;
                continue;
            }

            if (!index.TryGetValue(x, out var code))
            {
                code = values.Count;
                index.Add(x, code);
                values.Add(x);
                labels.Add(Convert.ToString(column.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty);
            }

            result[i] = code;
        }

        return result;
    }

    private static int[] Ranks(int[] sortedOrder)
    {
        var rank = new int[sortedOrder.Length];
        for (var r = 0; r < sortedOrder.Length; r++)
        {
            rank[sortedOrder[r]] = r;
        }

        return rank;
    }
}
