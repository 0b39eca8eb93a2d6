using System.Text;

namespace SynthVault.Evaluation.Text;

/// <summary>
/// The one way SynthVault splits and normalises text for its text metrics, deduplication and memorization checks,
/// so that a near-duplicate in the loop's critic is the same thing as a near-copy in the report.
/// </summary>
public static class TextTokens
{
    /// <summary>
    /// Lower-cased (invariant), every run of white space collapsed to one space, control characters dropped, trimmed.
    /// Two texts that differ only in case or spacing normalise to the same string.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (char.IsControl(ch))
            {
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(char.ToLowerInvariant(ch));
        }

        return sb.ToString();
    }

    /// <summary>
    /// Word tokens: maximal runs of letters, digits and inner apostrophes, lower-cased. Punctuation and white space
    /// separate words and are not tokens ("Don't stop!" → ["don't", "stop"]).
    /// </summary>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (ch is '\'' or '’' && sb.Length > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                sb.Append('\'');
            }
            else if (sb.Length > 0)
            {
                words.Add(sb.ToString());
                sb.Clear();
            }
        }

        if (sb.Length > 0)
        {
            words.Add(sb.ToString());
        }

        return words;
    }

    /// <summary>A 64-bit FNV-1a hash of the characters, finished with SplitMix64's mixer so that every bit depends on every character.</summary>
    public static ulong Hash(ReadOnlySpan<char> value)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in value)
        {
            h = (h ^ ch) * 1099511628211UL;
        }

        return Mix(h);
    }

    /// <summary>Hash of a sequence of words joined by single spaces, without building the joined string.</summary>
    internal static ulong Hash(IReadOnlyList<string> words, int start, int count)
    {
        var h = 14695981039346656037UL;
        for (var w = start; w < start + count; w++)
        {
            if (w > start)
            {
                h = (h ^ ' ') * 1099511628211UL;
            }

            foreach (var ch in words[w])
            {
                h = (h ^ ch) * 1099511628211UL;
            }
        }

        return Mix(h);
    }

    /// <summary>SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijective avalanche mix of 64 bits.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
