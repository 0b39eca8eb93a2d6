using System.Text;
using System.Text.RegularExpressions;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Pii;

/// <summary>A piece of personal data found inside a text: its kind and where it is (UTF-16 offsets).</summary>
/// <param name="Kind">What was found; URLs (when asked for) are <see cref="PiiKind.Other"/>.</param>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Number of characters.</param>
public sealed record PiiSpan(PiiKind Kind, int Start, int Length)
{
    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;
}

/// <summary>What <see cref="PiiScanner"/> looks for beyond the personal-data kinds it always finds.</summary>
/// <param name="IncludeUrls">Also report web addresses (http://, https://, www.) as <see cref="PiiKind.Other"/>: a URL is not personal data by itself but can point to some.</param>
public sealed record PiiScanOptions(bool IncludeUrls = false);

/// <summary>
/// Finds personal data inside free text — e-mail addresses, phone numbers, card numbers, IBANs, US SSNs and
/// IP addresses — so the LLM text loop can scrub seeds before prompting and reject outputs that leak.
/// Patterns only propose candidates; each candidate must pass the same validator the column detector uses
/// (<see cref="PiiValidators"/>): Luhn and an issuer prefix for cards, registry length and mod-97 for IBANs,
/// Presidio's rules for SSNs, strict parsing for IPs. Phone numbers need a phone shape ('+' prefix, trunk '0'
/// with 9–12 digits, or North American 3-3-4 grouping), so prices, times, years and 5-digit SMS short
/// codes are not flagged. Names and street addresses inside prose need a language model and are not found here.
/// When candidates overlap, the more specific kind wins (e-mail, URL, IBAN, card, SSN, IP, phone).
/// </summary>
public static partial class PiiScanner
{
    /// <summary>All personal data found in <paramref name="text"/>, ordered by position, never overlapping.</summary>
    public static IReadOnlyList<PiiSpan> Find(string text, PiiScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new PiiScanOptions();
        var found = new List<(PiiSpan Span, int Priority)>();
        if (text.Length < 7)
        {
            return [];
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            foreach (Match m in EmailCandidate().Matches(text))
            {
                if (PiiValidators.IsEmail(m.ValueSpan))
                {
                    found.Add((new PiiSpan(PiiKind.Email, m.Index, m.Length), 0));
                }
            }
        }

        if (options.IncludeUrls)
        {
            foreach (Match m in UrlCandidate().Matches(text))
            {
                var length = m.ValueSpan.TrimEnd(".,;:!?)]}'\"").Length;
                if (length > 4)
                {
                    found.Add((new PiiSpan(PiiKind.Other, m.Index, length), 1));
                }
            }
        }

        FindIbans(text, found);
        FindCards(text, found);

        foreach (Match m in SsnCandidate().Matches(text))
        {
            if (PiiValidators.IsUsSsn(m.ValueSpan))
            {
                found.Add((new PiiSpan(PiiKind.UsSsn, m.Index, m.Length), 4));
            }
        }

        foreach (Match m in IPv4Candidate().Matches(text))
        {
            if (PiiValidators.IsIPv4(m.ValueSpan))
            {
                found.Add((new PiiSpan(PiiKind.IpAddress, m.Index, m.Length), 5));
            }
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            foreach (Match m in IPv6Candidate().Matches(text))
            {
                var v = m.ValueSpan.TrimEnd('.');
                if (v.Count(':') >= 2 && (v.Count(':') == 7 || v.Contains("::", StringComparison.Ordinal)) && HexDigits(v) >= 4 && PiiValidators.IsIPv6(v))
                {
                    found.Add((new PiiSpan(PiiKind.IpAddress, m.Index, v.Length), 5));
                }
            }
        }

        FindPhones(text, found);
        return Resolve(found);
    }

    /// <summary>
    /// The text with every span found replaced by a placeholder such as <c>[EMAIL]</c> or <c>[PHONE]</c>, for
    /// seeds that go into a prompt.
    /// </summary>
    public static string Redact(string text, PiiScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = Find(text, options);
        if (spans.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var s in spans)
        {
            sb.Append(text, at, s.Start - at).Append(Placeholder(s.Kind));
            at = s.End;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>The text with every span found replaced by its <see cref="PiiMask"/> form, for display.</summary>
    public static string MaskAll(string text, PiiScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = Find(text, options);
        if (spans.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var s in spans)
        {
            sb.Append(text, at, s.Start - at).Append(PiiMask.Mask(text.Substring(s.Start, s.Length), s.Kind));
            at = s.End;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>The placeholder <see cref="Redact"/> writes for a kind.</summary>
    public static string Placeholder(PiiKind kind) => kind switch
    {
        PiiKind.Email => "[EMAIL]",
        PiiKind.Phone => "[PHONE]",
        PiiKind.CreditCard => "[CARD]",
        PiiKind.Iban => "[IBAN]",
        PiiKind.UsSsn => "[SSN]",
        PiiKind.IpAddress => "[IP]",
        PiiKind.PersonName => "[NAME]",
        PiiKind.Address => "[ADDRESS]",
        PiiKind.DateOfBirth => "[DOB]",
        _ => "[REDACTED]",
    };

    private static List<PiiSpan> Resolve(List<(PiiSpan Span, int Priority)> found)
    {
        // Most specific kind first, then the longer span; a span that overlaps one already kept is dropped.
        found.Sort((a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : b.Span.Length.CompareTo(a.Span.Length));
        var kept = new List<PiiSpan>(found.Count);
        foreach (var (span, _) in found)
        {
            var overlaps = false;
            foreach (var k in kept)
            {
                if (span.Start < k.End && k.Start < span.End)
                {
                    overlaps = true;
                    break;
                }
            }

            if (!overlaps)
            {
                kept.Add(span);
            }
        }

        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    private static void FindIbans(string text, List<(PiiSpan Span, int Priority)> found)
    {
        foreach (Match m in IbanStart().Matches(text))
        {
            var length = IbanRegistry.LengthOf(m.ValueSpan[..2]);
            if (length == 0)
            {
                continue;
            }

            // Collect the registry's number of characters, allowing single spaces between groups.
            var count = 0;
            var i = m.Index;
            var end = -1;
            while (i < text.Length && count < length)
            {
                var ch = text[i];
                if (char.IsAsciiDigit(ch) || char.IsAsciiLetterUpper(ch))
                {
                    count++;
                    i++;
                    end = i;
                }
                else if (ch == ' ' && count >= 4 && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]) && text[i - 1] != ' ')
                {
                    i++;
                }
                else
                {
                    break;
                }
            }

            if (count == length && (end == text.Length || !char.IsAsciiLetterOrDigit(text[end])) && PiiValidators.IsIban(text.AsSpan(m.Index, end - m.Index)))
            {
                found.Add((new PiiSpan(PiiKind.Iban, m.Index, end - m.Index), 2));
            }
        }
    }

    private static void FindCards(string text, List<(PiiSpan Span, int Priority)> found)
    {
        foreach (Match m in CardCandidate().Matches(text))
        {
            // A card followed by unrelated digits ("4111 1111 1111 1111 12 times") fails as a whole: try the
            // prefixes that end at a group boundary, longest first.
            var candidate = m.ValueSpan;
            while (true)
            {
                if (PiiValidators.IsCreditCard(candidate))
                {
                    found.Add((new PiiSpan(PiiKind.CreditCard, m.Index, candidate.Length), 3));
                    break;
                }

                var cut = candidate.LastIndexOfAny(' ', '-');
                if (cut < 0)
                {
                    break;
                }

                candidate = candidate[..cut];
            }
        }
    }

    private static void FindPhones(string text, List<(PiiSpan Span, int Priority)> found)
    {
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            var startsHere = char.IsAsciiDigit(ch) || (ch is '+' or '(' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]));
            if (!startsHere || (i > 0 && !CanPrecedePhone(text[i - 1])))
            {
                i++;
                continue;
            }

            var end = ScanPhone(text, i);
            if (end > i && PiiValidators.IsPhone(text.AsSpan(i, end - i)))
            {
                found.Add((new PiiSpan(PiiKind.Phone, i, end - i), 6));
                i = end;
                continue;
            }

            // Skip the whole run: the tail of a long number ("3704 0044 0532 0130 00") is not a phone of its own.
            i = Math.Max(end, i + 1);
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }
    }

    /// <summary>End (exclusive) of the phone-like run starting at <paramref name="start"/>: digits joined by single separators.</summary>
    private static int ScanPhone(string text, int start)
    {
        var i = start;
        var end = start;
        var open = false;
        var run = 0;
        if (text[i] == '+')
        {
            i++;
        }

        while (i < text.Length)
        {
            var ch = text[i];
            if (char.IsAsciiDigit(ch))
            {
                run++;
                i++;
                end = i;
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            var nextRun = DigitRun(text, i + 1);
            var accept = ch switch
            {
                '(' => !open && char.IsAsciiDigit(next),
                ')' => open && run > 0 && (char.IsAsciiDigit(next) || (next is ' ' or '-' && DigitRun(text, i + 2) > 0)),
                ' ' or '-' => run > 0 && (char.IsAsciiDigit(next) || next == '('),

                // A dot joins groups of 3+ digits (555.123.4567), or pairs after a pair (01.23.45.67.89);
                // "0871872627 01.50" style decimals stop the number before the dot.
                '.' => run > 0 && (nextRun >= 3 || (nextRun == 2 && run == 2)),
                _ => false,
            };

            if (!accept)
            {
                break;
            }

            open = ch == '(' || (open && ch != ')');
            run = 0;
            i++;
        }

        return open ? start : end;
    }

    private static int DigitRun(string text, int from)
    {
        var n = 0;
        while (from + n < text.Length && char.IsAsciiDigit(text[from + n]))
        {
            n++;
        }

        return n;
    }

    private static bool CanPrecedePhone(char ch) =>
        !(char.IsLetterOrDigit(ch) || ch is '.' or ',' or '+' or '-' or '/' or '_' or '@' or '#' or '=' or '&' or '?' or '%' || char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.CurrencySymbol);

    private static int HexDigits(ReadOnlySpan<char> value)
    {
        var n = 0;
        foreach (var ch in value)
        {
            n += char.IsAsciiHexDigit(ch) ? 1 : 0;
        }

        return n;
    }

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9._%+'\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailCandidate();

    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s<>""]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlCandidate();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IbanStart();

    [GeneratedRegex(@"(?<![0-9])[0-9](?:[ \-]?[0-9]){12,18}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex CardCandidate();

    [GeneratedRegex(@"(?<![0-9.\-])[0-9]{3}([\-. ])[0-9]{2}\1[0-9]{4}(?![0-9]|[\-.][0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex SsnCandidate();

    [GeneratedRegex(@"(?<![0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9]|\.[0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4Candidate();

    [GeneratedRegex(@"(?<![0-9A-Fa-f:.])[0-9A-Fa-f:.]{3,45}(?![0-9A-Fa-f:.])", RegexOptions.CultureInvariant)]
    private static partial Regex IPv6Candidate();
}
