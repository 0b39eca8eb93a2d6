using System.Text;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Pii;

/// <summary>
/// Masks a value for display in profiles, reports and messages so that no real personal value is ever
/// printed. Each kind keeps only what helps a person recognise the format and nothing that identifies:
/// <list type="bullet">
/// <item>Email: first character of the local part and of the domain, and the top-level domain — <c>j***@e***.com</c>.</item>
/// <item>CreditCard: the first 4 and last 4 digits in the original grouping — <c>4111 **** **** 1111</c> (PCI DSS 3.4 allows first 6 / last 4).</item>
/// <item>Iban: country code and last 2 characters — <c>DE** **** **** **** **** 00</c>.</item>
/// <item>UsSsn: the last 4 digits — <c>***-**-6789</c>.</item>
/// <item>Phone: a leading '+', the separators and the last 2 digits — <c>+44 **** ***461</c> keeps only "61".</item>
/// <item>IpAddress: the first IPv4 octet or IPv6 group — <c>192.*.*.*</c>.</item>
/// <item>PersonName, Address, Other: the first character of each word — <c>J*** S***</c>.</item>
/// <item>DateOfBirth: the year only — <c>1987-**-**</c> (HIPAA Safe Harbor keeps the year).</item>
/// </list>
/// A mask always contains '*', never equals its input, and never contains more than 8 of its input's digits.
/// </summary>
public static class PiiMask
{
    /// <summary>The masked form of <paramref name="value"/> for a column or span of the given kind.</summary>
    public static string Mask(string value, PiiKind kind)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "***";
        }

        var masked = kind switch
        {
            PiiKind.Email => MaskEmail(value),
            PiiKind.CreditCard => KeepDigits(value, keepFirst: 4, keepLast: 4),
            PiiKind.Iban => MaskIban(value),
            PiiKind.UsSsn => KeepDigits(value, keepFirst: 0, keepLast: 4),
            PiiKind.Phone => KeepDigits(value, keepFirst: 0, keepLast: 2),
            PiiKind.IpAddress => MaskIp(value),
            PiiKind.DateOfBirth => MaskDate(value),
            PiiKind.None => MaskWords(value),
            _ => MaskWords(value),
        };

        // A value so short that its mask would show it whole (a one-letter name "J" → "J***" shows "J"): hide all.
        return masked == value || !masked.Contains('*', StringComparison.Ordinal) ? new string('*', Math.Clamp(value.Length, 3, 8)) : masked;
    }

    /// <summary>
    /// The shape of a value without its content, for identifiers: letters become 'X' or 'x', digits '9', other
    /// characters stay — "CUST-00123" → "XXXX-99999". At most 40 characters are shown.
    /// </summary>
    public static string Shape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Math.Min(value.Length, 40);
        var sb = new StringBuilder(length + 1);
        for (var i = 0; i < length; i++)
        {
            var ch = value[i];
            sb.Append(char.IsDigit(ch) ? '9' : char.IsUpper(ch) ? 'X' : char.IsLetter(ch) ? 'x' : ch);
        }

        return value.Length > length ? sb.Append('…').ToString() : sb.ToString();
    }

    private static string MaskEmail(string value)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return MaskWords(value);
        }

        var domain = value.AsSpan(at + 1);
        var dot = domain.LastIndexOf('.');
        var tld = dot > 0 ? domain[dot..].ToString() : string.Empty;
        return $"{value[0]}***@{domain[0]}***{tld}";
    }

    private static string KeepDigits(string value, int keepFirst, int keepLast)
    {
        var total = 0;
        foreach (var ch in value)
        {
            total += char.IsAsciiDigit(ch) ? 1 : 0;
        }

        // Never show more than half of the digits, so short values stay hidden too.
        while (keepFirst + keepLast > total / 2 && (keepFirst > 0 || keepLast > 0))
        {
            if (keepFirst >= keepLast && keepFirst > 0)
            {
                keepFirst--;
            }
            else
            {
                keepLast--;
            }
        }

        var sb = new StringBuilder(value.Length);
        var seen = 0;
        foreach (var ch in value)
        {
            if (char.IsAsciiDigit(ch))
            {
                sb.Append(seen < keepFirst || seen >= total - keepLast ? ch : '*');
                seen++;
            }
            else if (char.IsLetter(ch))
            {
                sb.Append('*');
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    private static string MaskIban(string value)
    {
        var sb = new StringBuilder(value.Length);
        var alnum = 0;
        var total = 0;
        foreach (var ch in value)
        {
            total += char.IsAsciiLetterOrDigit(ch) ? 1 : 0;
        }

        foreach (var ch in value)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(alnum < 2 || alnum >= total - 2 ? ch : '*');
                alnum++;
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    private static string MaskIp(string value)
    {
        var v4 = value.IndexOf('.', StringComparison.Ordinal);
        var v6 = value.IndexOf(':', StringComparison.Ordinal);
        if (v6 >= 0)
        {
            return string.Concat(value.AsSpan(0, v6), ":****:****");
        }

        return v4 > 0 ? string.Concat(value.AsSpan(0, v4), ".*.*.*") : "*.*.*.*";
    }

    private static string MaskDate(string value)
    {
        // ISO "1987-03-14" or "1987-03-14T00:00:00" keeps the year; other layouts keep nothing but the separators.
        if (value.Length >= 4 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1]) && char.IsAsciiDigit(value[2]) && char.IsAsciiDigit(value[3]) && (value.Length == 4 || !char.IsAsciiDigit(value[4])))
        {
            return string.Concat(value.AsSpan(0, 4), "-**-**");
        }

        var sb = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            sb.Append(char.IsLetterOrDigit(ch) ? '*' : ch);
        }

        return sb.ToString();
    }

    private static string MaskWords(string value)
    {
        var sb = new StringBuilder(value.Length);
        var startOfWord = true;
        foreach (var ch in value)
        {
            if (char.IsWhiteSpace(ch))
            {
                sb.Append(' ');
                startOfWord = true;
                continue;
            }

            if (startOfWord)
            {
                // Digits are never shown: a house number or account number is as identifying as a name.
                sb.Append(char.IsAsciiDigit(ch) ? '#' : ch).Append("***");
                startOfWord = false;
            }
        }

        return sb.ToString();
    }
}
