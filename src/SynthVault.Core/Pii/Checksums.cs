namespace SynthVault.Core.Pii;

/// <summary>
/// Check-digit algorithms used both to recognise real identifiers (a 16-digit number that fails Luhn is
/// not a card number) and to make surrogates that downstream validators accept.
/// </summary>
public static class Checksums
{
    /// <summary>True when the digits of <paramref name="number"/> (spaces and dashes ignored) pass the Luhn check (ISO/IEC 7812-1).</summary>
    public static bool IsLuhnValid(ReadOnlySpan<char> number)
    {
        var sum = 0;
        var digits = 0;
        var doubleIt = false;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            var ch = number[i];
            if (ch is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }

            var d = ch - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            digits++;
            doubleIt = !doubleIt;
        }

        return digits >= 2 && sum % 10 == 0;
    }

    /// <summary>The Luhn check digit that completes <paramref name="payload"/> (digits only).</summary>
    public static int LuhnCheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var d = payload[i] - '0';
            if (d is < 0 or > 9)
            {
                throw new ArgumentException("Luhn payload must be digits only.", nameof(payload));
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>
    /// True when <paramref name="iban"/> (spaces ignored, case-insensitive) has a valid shape and passes the
    /// ISO 13616 mod-97 check: move the first four characters to the end, letters to 10..35, remainder 1.
    /// </summary>
    public static bool IsIbanValid(ReadOnlySpan<char> iban)
    {
        Span<char> buf = stackalloc char[34];
        var n = 0;
        foreach (var ch in iban)
        {
            if (ch == ' ')
            {
                continue;
            }

            if (n == 34 || !char.IsAsciiLetterOrDigit(ch))
            {
                return false;
            }

            buf[n++] = char.ToUpperInvariant(ch);
        }

        if (n < 15 || !char.IsAsciiLetter(buf[0]) || !char.IsAsciiLetter(buf[1]) || !char.IsAsciiDigit(buf[2]) || !char.IsAsciiDigit(buf[3]))
        {
            return false;
        }

        return Mod97(buf[4..n], buf[..4]) == 1;
    }

    /// <summary>The two check digits for an IBAN with the given country code and basic bank account number.</summary>
    public static string IbanCheckDigits(string countryCode, string bban)
    {
        ArgumentNullException.ThrowIfNull(countryCode);
        ArgumentNullException.ThrowIfNull(bban);
        var tail = (countryCode.ToUpperInvariant() + "00").AsSpan();
        var remainder = Mod97(bban.ToUpperInvariant(), tail);
        return (98 - remainder).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Mod97(ReadOnlySpan<char> head, ReadOnlySpan<char> tail)
    {
        var r = 0;
        r = Fold(r, head);
        return Fold(r, tail);

        static int Fold(int r, ReadOnlySpan<char> s)
        {
            foreach (var ch in s)
            {
                if (char.IsAsciiDigit(ch))
                {
                    r = ((r * 10) + (ch - '0')) % 97;
                }
                else
                {
                    var v = ch - 'A' + 10;
                    r = ((r * 100) + v) % 97;
                }
            }

            return r;
        }
    }
}
