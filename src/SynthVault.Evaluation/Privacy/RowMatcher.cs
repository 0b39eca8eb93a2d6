using SynthVault.Evaluation.Neighbors;

namespace SynthVault.Evaluation.Privacy;

/// <summary>
/// Exact row equality on the compared columns (numbers equal as doubles, categories equal by value, null equals
/// only null), by hashing the reference rows once: the identical-match share needs no distances.
/// </summary>
internal sealed class RowMatcher
{
    private readonly MixedMatrix reference;
    private readonly Dictionary<ulong, List<int>> buckets = [];

    public RowMatcher(MixedMatrix reference)
    {
        this.reference = reference;
        for (var r = 0; r < reference.Rows; r++)
        {
            var h = Hash(reference, r);
            if (!buckets.TryGetValue(h, out var rows))
            {
                rows = [];
                buckets.Add(h, rows);
            }

            rows.Add(r);
        }
    }

    /// <summary>True when row <paramref name="row"/> of <paramref name="query"/> equals some reference row.</summary>
    public bool Contains(MixedMatrix query, int row)
    {
        if (!buckets.TryGetValue(Hash(query, row), out var candidates))
        {
            return false;
        }

        foreach (var r in candidates)
        {
            if (Equal(query, row, reference, r))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The share of <paramref name="query"/>'s rows that equal some reference row.</summary>
    public double Share(MixedMatrix query)
    {
        if (query.Rows == 0)
        {
            return 0;
        }

        var count = 0;
        for (var i = 0; i < query.Rows; i++)
        {
            count += Contains(query, i) ? 1 : 0;
        }

        return (double)count / query.Rows;
    }

    /// <summary>Equality of two rows on every compared column; null equals only null.</summary>
    public static bool Equal(MixedMatrix a, int i, MixedMatrix b, int j)
    {
        for (var c = 0; c < a.Raw.Length; c++)
        {
            var nullA = a.IsNull(c, i);
            if (nullA != b.IsNull(c, j))
            {
                return false;
            }

            if (!nullA && a.Raw[c][i] != b.Raw[c][j])
            {
                return false;
            }
        }

        return true;
    }

    private static ulong Hash(MixedMatrix m, int row)
    {
        var h = 14695981039346656037UL;
        for (var c = 0; c < m.Raw.Length; c++)
        {
            // Nulls hash alike whatever the stored placeholder; 0.0 and −0.0 are equal, so they hash alike too.
            ulong bits;
            if (m.IsNull(c, row))
            {
                bits = 0x7FF8_DEAD_0000_0001UL;
            }
            else
            {
                var v = m.Raw[c][row];
                bits = v == 0 ? 0UL : (ulong)BitConverter.DoubleToInt64Bits(v);
            }

            h = (h ^ bits) * 1099511628211UL;
            h ^= h >> 29;
        }

        return h;
    }
}
