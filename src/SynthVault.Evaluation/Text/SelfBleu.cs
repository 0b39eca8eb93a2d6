namespace SynthVault.Evaluation.Text;

/// <summary>
/// Self-BLEU (Zhu et al. 2018, "Texygen"): the mean over texts of the BLEU-4 score of each text against all the others
/// as references; higher means the texts repeat each other's phrasing. Each score is NLTK's <c>sentence_bleu</c> with
/// uniform weights (¼ each for 1- to 4-grams) and <c>SmoothingFunction().method1</c> (a precision with no match
/// counts as 0.1 matches), as Texygen computes it: clipped counts against the maximum count of each n-gram in any
/// single reference, the brevity penalty from the reference length closest to the text's (the shorter on a tie), and a
/// score of 0 for a text that shares no word with any reference.
/// <para>
/// Every text is scored against every other, in time linear in the total number of n-grams rather than quadratic: for
/// each n-gram we keep the largest count in any text and the largest in any other text, so the maximum over "all
/// texts but this one" is one lookup.
/// </para>
/// </summary>
public static class SelfBleu
{
    private const int MaxOrder = 4;
    private const double Epsilon = 0.1;

    /// <summary>Self-BLEU of <paramref name="texts"/> (already split into words); NaN for fewer than two texts.</summary>
    public static double Compute(IReadOnlyList<IReadOnlyList<string>> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var n = texts.Count;
        if (n < 2)
        {
            return double.NaN;
        }

        // counts[order][text] : n-gram hash → count; top[order] : n-gram hash → (best count, its text, second best count).
        var counts = new Dictionary<ulong, int>[MaxOrder][];
        var top = new Dictionary<ulong, (int Best, int BestText, int Second)>[MaxOrder];
        for (var o = 0; o < MaxOrder; o++)
        {
            counts[o] = new Dictionary<ulong, int>[n];
            top[o] = [];
            for (var t = 0; t < n; t++)
            {
                var words = texts[t];
                var map = new Dictionary<ulong, int>();
                for (var i = 0; i + o < words.Count; i++)
                {
                    var h = TextTokens.Hash(words, i, o + 1);
                    map[h] = map.GetValueOrDefault(h) + 1;
                }

                counts[o][t] = map;
                foreach (var (gram, c) in map)
                {
                    if (!top[o].TryGetValue(gram, out var entry))
                    {
                        top[o][gram] = (c, t, 0);
                    }
                    else if (c > entry.Best)
                    {
                        top[o][gram] = (c, t, entry.Best);
                    }
                    else if (c > entry.Second)
                    {
                        top[o][gram] = (entry.Best, entry.BestText, c);
                    }
                }
            }
        }

        var lengths = new int[n];
        for (var t = 0; t < n; t++)
        {
            lengths[t] = texts[t].Count;
        }

        var sortedLengths = (int[])lengths.Clone();
        Array.Sort(sortedLengths);

        var sum = 0.0;
        for (var t = 0; t < n; t++)
        {
            sum += Score(t, lengths[t], counts, top, sortedLengths);
        }

        return sum / n;
    }

    /// <summary>Self-BLEU of raw texts, split with <see cref="TextTokens.Words"/>.</summary>
    public static double Compute(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var words = new IReadOnlyList<string>[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            words[i] = TextTokens.Words(texts[i]);
        }

        return Compute(words);
    }

    private static double Score(int t, int length, Dictionary<ulong, int>[][] counts, Dictionary<ulong, (int Best, int BestText, int Second)>[] top, int[] sortedLengths)
    {
        Span<double> precision = stackalloc double[MaxOrder];
        for (var o = 0; o < MaxOrder; o++)
        {
            var matched = 0;
            var total = 0;
            foreach (var (gram, c) in counts[o][t])
            {
                total += c;
                var entry = top[o][gram];
                var otherMax = entry.BestText != t ? entry.Best : entry.Second;
                matched += Math.Min(c, otherMax);
            }

            if (o == 0 && matched == 0)
            {
                return 0; // NLTK: no unigram in common with any reference scores 0
            }

            var denominator = Math.Max(1, total);
            precision[o] = matched == 0 ? Epsilon / denominator : matched / (double)denominator;
        }

        var logSum = 0.0;
        for (var o = 0; o < MaxOrder; o++)
        {
            logSum += 0.25 * Math.Log(precision[o]);
        }

        var reference = ClosestOtherLength(sortedLengths, length);
        var brevity = length > reference ? 1.0 : length == 0 ? 0.0 : Math.Exp(1 - (reference / (double)length));
        return brevity * Math.Exp(logSum);
    }

    /// <summary>The length closest to <paramref name="length"/> among the other texts (one copy of its own length removed); ties go to the shorter.</summary>
    private static int ClosestOtherLength(int[] sorted, int length)
    {
        var at = Array.BinarySearch(sorted, length);
        if (at >= 0)
        {
            // Its own length occurs; another text with the same length is distance 0.
            var first = at;
            while (first > 0 && sorted[first - 1] == length)
            {
                first--;
            }

            var last = at;
            while (last + 1 < sorted.Length && sorted[last + 1] == length)
            {
                last++;
            }

            if (last > first)
            {
                return length;
            }

            var below = first > 0 ? sorted[first - 1] : int.MinValue;
            var above = last + 1 < sorted.Length ? sorted[last + 1] : int.MaxValue;
            return Closest(length, below, above);
        }

        var insert = ~at;
        return Closest(length, insert > 0 ? sorted[insert - 1] : int.MinValue, insert < sorted.Length ? sorted[insert] : int.MaxValue);
    }

    private static int Closest(int length, int below, int above)
    {
        if (below == int.MinValue)
        {
            return above;
        }

        if (above == int.MaxValue)
        {
            return below;
        }

        return (long)length - below <= (long)above - length ? below : above;
    }
}
