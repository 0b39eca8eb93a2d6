namespace SynthVault.Evaluation.Text;

/// <summary>
/// Character k-shingles (Broder 1997, "On the resemblance and containment of documents"): the set of all k-character
/// substrings of the normalised text (<see cref="TextTokens.Normalize"/>), each stored as a 64-bit hash. Character
/// shingles suit short texts such as messages and memos, where word shingles would leave too few items to compare.
/// </summary>
public static class Shingling
{
    /// <summary>Shingle length used unless a caller chooses another: 5 characters, common for short texts.</summary>
    public const int DefaultSize = 5;

    /// <summary>
    /// The sorted, distinct shingle hashes of <paramref name="text"/>. A normalised text shorter than
    /// <paramref name="size"/> is one shingle of itself; an empty text has none.
    /// </summary>
    public static ulong[] Shingles(string text, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var normalized = TextTokens.Normalize(text);
        if (normalized.Length == 0)
        {
            return [];
        }

        if (normalized.Length <= size)
        {
            return [TextTokens.Hash(normalized)];
        }

        var hashes = new ulong[normalized.Length - size + 1];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = TextTokens.Hash(normalized.AsSpan(i, size));
        }

        Array.Sort(hashes);
        var distinct = 1;
        for (var i = 1; i < hashes.Length; i++)
        {
            if (hashes[i] != hashes[distinct - 1])
            {
                hashes[distinct++] = hashes[i];
            }
        }

        return hashes[..distinct];
    }

    /// <summary>
    /// Exact Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted, distinct shingle sets; 1 for two empty sets (two empty
    /// texts are the same text).
    /// </summary>
    public static double Jaccard(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1;
        }

        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return common / (double)(a.Length + b.Length - common);
    }
}
