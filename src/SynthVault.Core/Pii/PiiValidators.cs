using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bogus.Bson;

namespace SynthVault.Core.Pii;

/// <summary>
/// Validators for single values: each answers "is this whole string a well-formed X", using the identifier's
/// own rules (check digits, registry lengths, assignment rules) rather than a bare pattern. The column
/// detector and the free-text scanner share them.
/// </summary>
public static class PiiValidators
{
    private static readonly Lazy<FrozenSet<string>> StreetSuffixes = new(LoadStreetSuffixes);

    /// <summary>
    /// An e-mail address in the common RFC 5321 shape: one '@'; a local part of 1–64 characters from
    /// letters, digits and <c>. _ % + - '</c> with no leading, trailing or doubled dot; a domain of up to 253
    /// characters made of dot-separated labels (letters, digits, inner hyphens, 1–63 characters) ending in an
    /// alphabetic top-level label of at least two letters. Quoted local parts and IP-literal domains are real
    /// but so rare in data that accepting them would only add false positives.
    /// </summary>
    public static bool IsEmail(ReadOnlySpan<char> value)
    {
        var at = value.IndexOf('@');
        if (at <= 0 || at > 64 || at != value.LastIndexOf('@'))
        {
            return false;
        }

        var local = value[..at];
        var domain = value[(at + 1)..];
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var ch in local)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '%' or '+' or '-' or '\''))
            {
                return false;
            }
        }

        return IsDomain(domain, requireDot: true);
    }

    /// <summary>
    /// A telephone number: 7–15 digits (the E.164 maximum) written with digits, single spaces, dashes, dots
    /// and parentheses, at most one leading '+'. Without <paramref name="nameSuggestsPhone"/> the shape must
    /// also say "phone" on its own, so plain numeric columns are not flagged: an international '+' prefix with
    /// 8–15 digits, a national number with a trunk '0' and 9–12 digits (UK 07700 900123, DE 030 1234567,
    /// FR 01 23 45 67 89), or the North American 3-3-4 grouping with separators ((555) 123-4567, 555.123.4567).
    /// </summary>
    public static bool IsPhone(ReadOnlySpan<char> value, bool nameSuggestsPhone = false)
    {
        value = value.Trim();
        if (value.Length < 7 || value.Length > 24)
        {
            return false;
        }

        Span<int> groups = stackalloc int[16];
        var groupCount = 0;
        var digits = 0;
        var run = 0;
        var plus = value[0] == '+';
        var openParen = false;
        var separators = 0;
        for (var i = plus ? 1 : 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (char.IsAsciiDigit(ch))
            {
                digits++;
                run++;
                continue;
            }

            if (ch is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }

            if (ch == '(')
            {
                if (openParen)
                {
                    return false;
                }

                openParen = true;
            }
            else if (ch == ')')
            {
                if (!openParen)
                {
                    return false;
                }

                openParen = false;
            }

            separators++;
            if (run > 0)
            {
                if (groupCount == groups.Length)
                {
                    return false;
                }

                groups[groupCount++] = run;
                run = 0;
            }
        }

        if (run > 0 && groupCount < groups.Length)
        {
            groups[groupCount++] = run;
        }

        if (openParen || digits < 7 || digits > 15 || AllSameDigit(value))
        {
            return false;
        }

        if (nameSuggestsPhone)
        {
            return true;
        }

        if (plus)
        {
            return digits >= 8;
        }

        var firstDigit = FirstDigit(value);
        if (firstDigit == '0')
        {
            // A trunk-prefixed national number; a lone "0.1234567" style decimal has a dot right after the 0.
            return digits is >= 9 and <= 12 && !(value.Length > 1 && value[1] == '.' && separators == 1);
        }

        // North American grouping: [1] 3-3-4 with separators (a bare 10-digit run is as likely an account number).
        var g = groups[..groupCount];
        if (separators == 0)
        {
            return false;
        }

        return (g.Length == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4)
            || (g.Length == 4 && g[0] == 1 && g[1] == 3 && g[2] == 3 && g[3] == 4);
    }

    /// <summary>
    /// A payment card number (ISO/IEC 7812): 13–19 digits, optionally in groups separated by single spaces or
    /// dashes (one kind only), passing the Luhn check, with an issuer prefix of a scheme that issues that
    /// length (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro, Mir). A 16-digit number that
    /// fails Luhn — or passes it by chance (one in ten do) with no issuer behind its prefix — is not a card.
    /// </summary>
    public static bool IsCreditCard(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        Span<char> digits = stackalloc char[19];
        var n = 0;
        var separator = '\0';
        var prevWasSeparator = true;
        foreach (var ch in value)
        {
            if (char.IsAsciiDigit(ch))
            {
                if (n == 19)
                {
                    return false;
                }

                digits[n++] = ch;
                prevWasSeparator = false;
                continue;
            }

            if (ch is not (' ' or '-') || prevWasSeparator || (separator != '\0' && ch != separator))
            {
                return false;
            }

            separator = ch;
            prevWasSeparator = true;
        }

        if (prevWasSeparator || n < 13)
        {
            return false;
        }

        var number = digits[..n];
        return !AllSameDigit(number) && HasIssuerPrefix(number) && Checksums.IsLuhnValid(number);
    }

    /// <summary>
    /// An IBAN: country code with an entry in the SWIFT registry, the registry's length for that country,
    /// and the ISO 13616 mod-97 check (<see cref="Checksums.IsIbanValid"/>). Spaces between characters are allowed.
    /// </summary>
    public static bool IsIban(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        Span<char> compact = stackalloc char[40];
        var n = 0;
        foreach (var ch in value)
        {
            if (ch == ' ')
            {
                continue;
            }

            if (n == compact.Length || !char.IsAsciiLetterOrDigit(ch))
            {
                return false;
            }

            compact[n++] = char.ToUpperInvariant(ch);
        }

        if (n < 15)
        {
            return false;
        }

        var length = IbanRegistry.LengthOf(compact[..2]);
        return length == n && Checksums.IsIbanValid(compact[..n]);
    }

    /// <summary>
    /// A US Social Security Number by Presidio's rules (UsSsnRecognizer.invalidate_result): 3-2-4 digits
    /// with one kind of delimiter ('-', '.' or ' '), or 9 bare digits when <paramref name="allowUndelimited"/>
    /// (Presidio scores bare digits as weak evidence, so the detector asks for a name hint); not all one
    /// digit; group not 00 and serial not 0000; not starting with 000, 666, 123456789, 98765432 or 078051120
    /// (the Woolworth wallet card). Area numbers 900–999 are also rejected: the SSA has never assigned them
    /// (they are ITINs), see SSA "Social Security Number Randomization".
    /// </summary>
    public static bool IsUsSsn(ReadOnlySpan<char> value, bool allowUndelimited = false)
    {
        value = value.Trim();
        Span<char> d = stackalloc char[9];
        if (value.Length == 11)
        {
            var sep = value[3];
            if (sep is not ('-' or '.' or ' ') || value[6] != sep)
            {
                return false;
            }

            for (int i = 0, k = 0; i < 11; i++)
            {
                if (i is 3 or 6)
                {
                    continue;
                }

                if (!char.IsAsciiDigit(value[i]))
                {
                    return false;
                }

                d[k++] = value[i];
            }
        }
        else if (value.Length == 9 && allowUndelimited)
        {
            foreach (var ch in value)
            {
                if (!char.IsAsciiDigit(ch))
                {
                    return false;
                }
            }

            value.CopyTo(d);
        }
        else
        {
            return false;
        }

        return IsAssignableSsn(d);
    }

    /// <summary>
    /// An IP address written the usual way: IPv4 as a dotted quad of decimal octets 0–255 without leading
    /// zeros (so "1", "1.2" and "010.1.1.1", which <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> accepts, are refused), or IPv6 in
    /// colon-hex notation (with an optional trailing dotted quad) that <see cref="IPAddress"/> parses.
    /// </summary>
    public static bool IsIpAddress(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        return IsIPv4(value) || IsIPv6(value);
    }

    /// <summary>Strict dotted-quad IPv4.</summary>
    public static bool IsIPv4(ReadOnlySpan<char> value)
    {
        if (value.Length is < 7 or > 15)
        {
            return false;
        }

        var parts = 0;
        var octet = 0;
        var octetDigits = 0;
        var leadingZero = false;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i == value.Length || value[i] == '.')
            {
                if (octetDigits == 0 || octet > 255 || (leadingZero && octetDigits > 1))
                {
                    return false;
                }

                parts++;
                octet = 0;
                octetDigits = 0;
                continue;
            }

            var ch = value[i];
            if (!char.IsAsciiDigit(ch) || octetDigits == 3)
            {
                return false;
            }

            if (octetDigits == 0)
            {
                leadingZero = ch == '0';
            }

            octet = (octet * 10) + (ch - '0');
            octetDigits++;
        }

        return parts == 4;
    }

    /// <summary>IPv6 in colon-hex notation: at least two colons, only hex digits, colons and dots.</summary>
    public static bool IsIPv6(ReadOnlySpan<char> value)
    {
        if (value.Length is < 3 or > 45 || value.Count(':') < 2)
        {
            return false;
        }

        foreach (var ch in value)
        {
            if (!(char.IsAsciiHexDigit(ch) || ch is ':' or '.'))
            {
                return false;
            }
        }

        return IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>
    /// A postal street address: a house number (digits, optionally with one letter, or "12-14") followed by
    /// words that include a street suffix (Bogus's English list — Street, Avenue, Lane, ... — plus the postal
    /// abbreviations St, Ave, Rd, Blvd, Dr, ...), or a word ending in a German/Dutch street word (straße, weg,
    /// gasse, platz, laan, straat) followed by a house number, or French "12 rue ...", or a PO box.
    /// </summary>
    public static bool IsStreetAddress(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.Length is < 5 or > 120)
        {
            return false;
        }

        Span<Range> parts = stackalloc Range[24];
        var count = value.SplitAny(parts, " ,", StringSplitOptions.RemoveEmptyEntries);
        if (count < 2)
        {
            return false;
        }

        var first = value[parts[0]];
        if (first.Equals("po", StringComparison.OrdinalIgnoreCase) || first.Equals("p.o.", StringComparison.OrdinalIgnoreCase))
        {
            return count >= 3 && value[parts[1]].Equals("box", StringComparison.OrdinalIgnoreCase) && IsHouseNumber(value[parts[2]]);
        }

        var suffixes = StreetSuffixes.Value.GetAlternateLookup<ReadOnlySpan<char>>();
        if (IsHouseNumber(first))
        {
            for (var i = 1; i < count; i++)
            {
                var word = value[parts[i]].TrimEnd('.');
                if ((i > 1 || count > 2) && suffixes.Contains(word))
                {
                    return true;
                }

                if (i == 1 && (word.Equals("rue", StringComparison.OrdinalIgnoreCase) || word.Equals("avenue", StringComparison.OrdinalIgnoreCase) || word.Equals("via", StringComparison.OrdinalIgnoreCase)) && count > 2)
                {
                    return true;
                }
            }

            return false;
        }

        for (var i = 0; i + 1 < count; i++)
        {
            var word = value[parts[i]];
            if (IsHouseNumber(value[parts[i + 1]]) && EndsWithStreetWord(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when every token is name-shaped (a letter, then letters, apostrophes, hyphens or a final dot).</summary>
    internal static bool IsNameToken(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty || token.Length > 30 || !char.IsLetter(token[0]))
        {
            return false;
        }

        for (var i = 1; i < token.Length; i++)
        {
            var ch = token[i];
            if (!(char.IsLetter(ch) || ch is '\'' or '-' || (ch == '.' && i == token.Length - 1)))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsAssignableSsn(ReadOnlySpan<char> d)
    {
        if (AllSameDigit(d))
        {
            return false;
        }

        if (d[3..5].SequenceEqual("00") || d[5..].SequenceEqual("0000"))
        {
            return false;
        }

        if (d.StartsWith("000") || d.StartsWith("666") || d.StartsWith("123456789") || d.StartsWith("98765432") || d.StartsWith("078051120"))
        {
            return false;
        }

        return d[0] != '9';
    }

    internal static bool IsDomain(ReadOnlySpan<char> domain, bool requireDot)
    {
        if (domain.IsEmpty || domain.Length > 253)
        {
            return false;
        }

        var labels = 0;
        var labelStart = 0;
        for (var i = 0; i <= domain.Length; i++)
        {
            if (i < domain.Length && domain[i] != '.')
            {
                var ch = domain[i];
                if (!(char.IsAsciiLetterOrDigit(ch) || ch == '-'))
                {
                    return false;
                }

                continue;
            }

            var label = domain[labelStart..i];
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            labels++;
            labelStart = i + 1;
            if (i == domain.Length)
            {
                // The top-level label is alphabetic and at least two letters (com, uk, museum).
                if (label.Length < 2)
                {
                    return false;
                }

                foreach (var ch in label)
                {
                    if (!char.IsAsciiLetter(ch))
                    {
                        return false;
                    }
                }
            }
        }

        return !requireDot || labels >= 2;
    }

    /// <summary>
    /// Issuer identification number ranges by scheme and the lengths each issues (Wikipedia "Payment card
    /// number", checked against the schemes' published ranges): Visa 4 (13, 16, 19); Mastercard 51–55 and
    /// 2221–2720 (16); Amex 34, 37 (15); Discover 6011, 644–649, 65, 622126–622925 (16–19); Diners 300–305,
    /// 36, 38–39 (14–19); JCB 3528–3589 (16–19); UnionPay 62 (16–19); Maestro 50, 56–58, 6 (12–19); Mir 2200–2204 (16–19).
    /// </summary>
    internal static bool HasIssuerPrefix(ReadOnlySpan<char> digits)
    {
        var n = digits.Length;
        var p1 = digits[0] - '0';
        var p2 = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var p3 = int.Parse(digits[..3], CultureInfo.InvariantCulture);
        var p4 = int.Parse(digits[..4], CultureInfo.InvariantCulture);
        if (p1 == 4)
        {
            return n is 13 or 16 or 19;
        }

        if (p2 is >= 51 and <= 55 || p4 is >= 2221 and <= 2720)
        {
            return n == 16;
        }

        if (p2 is 34 or 37)
        {
            return n == 15;
        }

        if (p4 is >= 2200 and <= 2204)
        {
            return n is >= 16 and <= 19;
        }

        if (p2 is 36 or 38 or 39 || p3 is >= 300 and <= 305)
        {
            return n is >= 14 and <= 19;
        }

        if (p4 is >= 3528 and <= 3589)
        {
            return n is >= 16 and <= 19;
        }

        if (p4 == 6011 || p3 is >= 644 and <= 649 || p2 is 65 or 62)
        {
            return n is >= 16 and <= 19;
        }

        if (p2 is 50 or (>= 56 and <= 58) || p1 == 6)
        {
            return n is >= 12 and <= 19;
        }

        return false;
    }

    private static bool IsHouseNumber(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty || token.Length > 8 || !char.IsAsciiDigit(token[0]))
        {
            return false;
        }

        var letters = 0;
        foreach (var ch in token)
        {
            if (char.IsAsciiLetter(ch))
            {
                letters++;
            }
            else if (!(char.IsAsciiDigit(ch) || ch == '-' || ch == '/'))
            {
                return false;
            }
        }

        return letters <= 1;
    }

    private static bool EndsWithStreetWord(ReadOnlySpan<char> word)
    {
        ReadOnlySpan<string> endings = ["straße", "strasse", "str.", "weg", "gasse", "platz", "allee", "ring", "laan", "straat", "gracht", "plein"];
        foreach (var e in endings)
        {
            if (word.Length > e.Length && word.EndsWith(e, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static char FirstDigit(ReadOnlySpan<char> value)
    {
        foreach (var ch in value)
        {
            if (char.IsAsciiDigit(ch))
            {
                return ch;
            }
        }

        return '\0';
    }

    private static bool AllSameDigit(ReadOnlySpan<char> value)
    {
        var first = '\0';
        foreach (var ch in value)
        {
            if (!char.IsAsciiDigit(ch))
            {
                continue;
            }

            if (first == '\0')
            {
                first = ch;
            }
            else if (ch != first)
            {
                return false;
            }
        }

        return true;
    }

    private static FrozenSet<string> LoadStreetSuffixes()
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            // USPS Publication 28 abbreviations of the commonest suffixes, and UK ones Bogus's list lacks.
            "St", "Ave", "Av", "Rd", "Blvd", "Dr", "Ln", "Ct", "Pl", "Ter", "Pkwy", "Hwy", "Sq", "Cir", "Trl", "Way", "Close", "Gardens", "Mews", "Crescent", "Grove",
        };
        if (Bogus.Database.Get("address", "street_suffix", "en") is BArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                set.Add(array[i].StringValue);
            }
        }

        return set.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
