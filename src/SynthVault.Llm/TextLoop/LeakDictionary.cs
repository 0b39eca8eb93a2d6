using System.Security.Cryptography;
using System.Text;
using SynthVault.Core.Schema;

namespace SynthVault.Llm.TextLoop;

/// <summary>Where a real value from the input reappears in a text.</summary>
/// <param name="Kind">The kind of the real value (phone, e-mail, name…; <see cref="PiiKind.Other"/> for long numbers and URLs).</param>
/// <param name="Start">Offset of the first character in the text.</param>
/// <param name="Length">Number of characters.</param>
public sealed record LeakHit(PiiKind Kind, int Start, int Length);

/// <summary>
/// The real personal values found in the input (seed texts, personal-data fields), so the PII gate can refuse any
/// output that repeats one, however it is written. Values are kept only in memory and only as keyed hashes
/// (HMAC-SHA256 with a key drawn at construction and never stored): nothing here is ever written to disk, and a
/// resumed run rebuilds the dictionary from the input. Matching is on normalised forms:
/// <list type="bullet">
/// <item>numbers (phones, cards, SSNs, IBAN digits, any run of 5+ digits): the digits alone, so "0845 281-0075" matches
/// "08452810075"; values of 7+ digits also match inside a longer run of digits;</item>
/// <item>everything else (names, e-mail addresses, URLs, field values): the lower-cased word sequence, so
/// "John.Smith@Mail.com" matches "john smith mail com" anywhere in a text, and a first name matches as a whole word.</item>
/// </list>
/// </summary>
public sealed class LeakDictionary
{
    /// <summary>Digit runs shorter than this are not treated as identifying numbers (prices, years, times).</summary>
    public const int MinDigits = 5;

    /// <summary>Numbers at least this long also match inside a longer run of digits.</summary>
    public const int SubstringDigits = 7;

    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<ulong, PiiKind> numbers = [];
    private readonly Dictionary<ulong, PiiKind> words = [];
    private readonly SortedSet<int> numberLengths = [];
    private readonly SortedSet<int> wordCounts = [];

    /// <summary>Distinct values held.</summary>
    public int Count => numbers.Count + words.Count;

    /// <summary>Adds a real value of <paramref name="kind"/>. Values that normalise to nothing matchable are ignored.</summary>
    public void Add(PiiKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsNumberKind(kind) || IsNumberLike(value))
        {
            var digits = Digits(value);
            if (digits.Length >= MinDigits)
            {
                numbers.TryAdd(HashOf("d", digits), kind);
                numberLengths.Add(digits.Length);
                return;
            }
        }

        var tokens = Tokens(value);
        if (tokens.Count == 0 || (tokens.Count == 1 && tokens[0].Text.Length < 2))
        {
            return;
        }

        words.TryAdd(HashOf("w", Join(tokens, 0, tokens.Count)), kind);
        wordCounts.Add(tokens.Count);
        if (kind is PiiKind.Iban)
        {
            var digits = Digits(value);
            if (digits.Length >= MinDigits)
            {
                numbers.TryAdd(HashOf("d", digits), kind);
                numberLengths.Add(digits.Length);
            }
        }
    }

    /// <summary>Every place in <paramref name="text"/> where a held value reappears, ordered by position.</summary>
    public IReadOnlyList<LeakHit> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hits = new List<LeakHit>();
        if (Count == 0)
        {
            return hits;
        }

        FindNumbers(text, hits);
        FindWords(text, hits);
        hits.Sort((a, b) => a.Start.CompareTo(b.Start));
        return hits;
    }

    internal static bool IsNumberKind(PiiKind kind) => kind is PiiKind.Phone or PiiKind.CreditCard or PiiKind.UsSsn;

    /// <summary>Mostly digits and phone punctuation: "+44 (0)20 7946 0018", "87121".</summary>
    private static bool IsNumberLike(string value)
    {
        var digits = 0;
        foreach (var ch in value)
        {
            if (char.IsAsciiDigit(ch))
            {
                digits++;
            }
            else if (!(ch is ' ' or '-' or '.' or '(' or ')' or '+' or '/'))
            {
                return false;
            }
        }

        return digits >= MinDigits;
    }

    private static string Digits(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            if (char.IsAsciiDigit(ch))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    private void FindNumbers(string text, List<LeakHit> hits)
    {
        if (numbers.Count == 0)
        {
            return;
        }

        foreach (var (start, end, digits) in DigitRuns(text))
        {
            if (MatchNumber(digits) is { } kind)
            {
                hits.Add(new LeakHit(kind, start, end - start));
            }
        }
    }

    private PiiKind? MatchNumber(string digits)
    {
        foreach (var length in numberLengths)
        {
            if (length > digits.Length)
            {
                break;
            }

            // Short numbers (short codes) must be the whole run; long ones may hide inside a longer one.
            if (length < SubstringDigits && length != digits.Length)
            {
                continue;
            }

            var last = length >= SubstringDigits ? digits.Length - length : 0;
            for (var i = 0; i <= last; i++)
            {
                if (numbers.TryGetValue(HashOf("d", digits.AsSpan(i, length)), out var kind))
                {
                    return kind;
                }
            }
        }

        return null;
    }

    private void FindWords(string text, List<LeakHit> hits)
    {
        if (words.Count == 0)
        {
            return;
        }

        var tokens = Tokens(text);
        foreach (var n in wordCounts)
        {
            for (var i = 0; i + n <= tokens.Count; i++)
            {
                if (words.TryGetValue(HashOf("w", Join(tokens, i, n)), out var kind))
                {
                    var last = tokens[i + n - 1];
                    hits.Add(new LeakHit(kind, tokens[i].Start, last.Start + last.Text.Length - tokens[i].Start));
                }
            }
        }
    }

    /// <summary>Maximal runs of digits joined by single separators (space, '-', '.', '/', parentheses), with their digits.</summary>
    internal static IEnumerable<(int Start, int End, string Digits)> DigitRuns(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]) && !(text[i] is '(' or '+' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i++;
                continue;
            }

            var start = i;
            var end = i;
            var sb = new StringBuilder();
            while (i < text.Length)
            {
                var ch = text[i];
                if (char.IsAsciiDigit(ch))
                {
                    sb.Append(ch);
                    i++;
                    end = i;
                }
                else if (ch is ' ' or '-' or '.' or '/' or '(' or ')' or '+' && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == '(' || (ch == ')' && text[i + 1] == ' ')))
                {
                    i++;
                }
                else
                {
                    break;
                }
            }

            i = Math.Max(end, start + 1);
            if (sb.Length > 0)
            {
                yield return (start, end, sb.ToString());
            }
        }
    }

    /// <summary>Lower-cased runs of letters and digits with their offsets.</summary>
    private static List<(string Text, int Start)> Tokens(string text)
    {
        var tokens = new List<(string, int)>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            tokens.Add((text[start..i].ToLowerInvariant(), start));
        }

        return tokens;
    }

    private static string Join(List<(string Text, int Start)> tokens, int from, int count)
    {
        var sb = new StringBuilder();
        for (var i = from; i < from + count; i++)
        {
            if (i > from)
            {
                sb.Append(' ');
            }

            sb.Append(tokens[i].Text);
        }

        return sb.ToString();
    }

    private ulong HashOf(string space, ReadOnlySpan<char> value)
    {
        var size = Encoding.UTF8.GetMaxByteCount(value.Length + space.Length + 1);
        Span<byte> input = size <= 512 ? stackalloc byte[size] : new byte[size];
        var n = Encoding.UTF8.GetBytes(space, input);
        input[n++] = 0;
        n += Encoding.UTF8.GetBytes(value, input[n..]);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, input[..n], mac);
        return BitConverter.ToUInt64(mac);
    }
}
