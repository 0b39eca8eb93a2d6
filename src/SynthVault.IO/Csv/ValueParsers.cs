using System.Globalization;

namespace SynthVault.IO.Csv;

/// <summary>
/// Allocation-free, culture-invariant parsers for CSV fields. They accept exactly the literal forms the type
/// inference documents and reject everything else, so a column's type never depends on the machine's locale.
/// </summary>
internal static class ValueParsers
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    // Powers of ten that a double holds exactly (10^0 .. 10^22), for the Clinger fast path.
    private static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// True for "nan"/"inf"/"infinity" in any letter case, with an optional sign: values that would poison a numeric
    /// column, so they are read as missing and counted in a warning.
    /// </summary>
    public static bool IsNonFiniteToken(ReadOnlySpan<char> s, out bool isNaN)
    {
        isNaN = false;
        s = s.Trim();
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            s = s[1..];
        }

        if (s.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            isNaN = true;
            return true;
        }

        return s.Equals("inf", StringComparison.OrdinalIgnoreCase) || s.Equals("infinity", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// An integer literal: optional sign and 1–19 digits, no leading zero (so codes such as ZIP "02134" stay text),
    /// surrounding spaces allowed.
    /// </summary>
    public static bool TryParseInt64(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        s = TrimSpaces(s);
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }

        var digits = s.Length - i;
        if (digits <= 0 || digits > 19 || (digits > 1 && s[i] == '0'))
        {
            return false;
        }

        ulong acc = 0;
        for (; i < s.Length; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }

            acc = (acc * 10) + d;
        }

        // 19 digits can exceed long: check against the bounds explicitly.
        if (negative)
        {
            if (acc > 9223372036854775808UL)
            {
                return false;
            }

            value = unchecked(-(long)acc);
            return true;
        }

        if (acc > long.MaxValue)
        {
            return false;
        }

        value = (long)acc;
        return true;
    }

    /// <summary>
    /// A decimal literal with optional fraction and exponent ("1", "-2.5", ".5", "1e-3", "6.02E23"), invariant
    /// culture, no thousands separators, no leading zero before other integer digits. Non-finite tokens are not
    /// accepted here (see <see cref="IsNonFiniteToken"/>); a literal too large for a double gives infinity.
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        s = TrimSpaces(s);
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }

        ulong mantissa = 0;
        var significant = 0;
        var intDigits = 0;
        var fracDigits = 0;
        var intStart = i;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            Accumulate(s[i], ref mantissa, ref significant);
            intDigits++;
            i++;
        }

        if (intDigits > 1 && s[intStart] == '0')
        {
            return false;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                Accumulate(s[i], ref mantissa, ref significant);
                fracDigits++;
                i++;
            }
        }

        if (intDigits + fracDigits == 0)
        {
            return false;
        }

        var exponent = 0;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            var expNegative = false;
            if (i < s.Length && (s[i] == '-' || s[i] == '+'))
            {
                expNegative = s[i] == '-';
                i++;
            }

            var expDigits = 0;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                if (exponent < 100_000)
                {
                    exponent = (exponent * 10) + (s[i] - '0');
                }

                expDigits++;
                i++;
            }

            if (expDigits == 0)
            {
                return false;
            }

            exponent = expNegative ? -exponent : exponent;
        }

        if (i != s.Length)
        {
            return false;
        }

        // Clinger's fast path (Clinger 1990, "How to read floating point numbers accurately"): when the decimal
        // significand fits in 53 bits and the power of ten is exact, one IEEE multiply or divide rounds correctly.
        var power = exponent - fracDigits;
        if (significant <= 19 && mantissa <= (1UL << 53) && power >= -22 && power <= 22)
        {
            var d = (double)mantissa;
            d = power < 0 ? d / ExactPowersOfTen[-power] : d * ExactPowersOfTen[power];
            value = negative ? -d : d;
            return true;
        }

        // Everything else goes through the runtime's correctly rounded parser.
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>"true" or "false" in any letter case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> s, out bool value)
    {
        s = TrimSpaces(s);
        if (s.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return s.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An ISO 8601 calendar date, exactly yyyy-MM-dd.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out long ticks)
    {
        ticks = 0;
        s = TrimSpaces(s);
        return s.Length == 10 && TryDatePart(s, out ticks);
    }

    /// <summary>
    /// An ISO 8601 date and time: yyyy-MM-dd, then 'T' or a space, HH:mm, optional :ss and a fraction of up to 9
    /// digits (beyond 100 ns truncated), then an optional zone: 'Z', ±HH:mm, ±HHmm or ±HH. With a zone the result
    /// is converted to UTC and <paramref name="hasZone"/> is true.
    /// </summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> s, out long ticks, out bool hasZone)
    {
        ticks = 0;
        hasZone = false;
        s = TrimSpaces(s);
        if (s.Length < 16 || !TryDatePart(s[..10], out var dateTicks) || (s[10] != 'T' && s[10] != ' ' && s[10] != 't'))
        {
            return false;
        }

        if (!TwoDigits(s, 11, out var hour) || s[13] != ':' || !TwoDigits(s, 14, out var minute) || hour > 23 || minute > 59)
        {
            return false;
        }

        var i = 16;
        var second = 0;
        long fraction = 0;
        if (i < s.Length && s[i] == ':')
        {
            if (!TwoDigits(s, i + 1, out second) || second > 59)
            {
                return false;
            }

            i += 3;
            if (i < s.Length && (s[i] == '.' || s[i] == ','))
            {
                i++;
                var digits = 0;
                while (i < s.Length && (uint)(s[i] - '0') <= 9)
                {
                    if (digits < 7)
                    {
                        fraction = (fraction * 10) + (s[i] - '0');
                    }

                    digits++;
                    i++;
                }

                if (digits == 0)
                {
                    return false;
                }

                for (var d = digits; d < 7; d++)
                {
                    fraction *= 10;
                }
            }
        }

        var result = dateTicks + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TicksPerSecond) + fraction;
        if (i < s.Length)
        {
            if (!TryZone(s[i..], out var offsetTicks))
            {
                return false;
            }

            hasZone = true;
            result -= offsetTicks;
            if (result < DateTime.MinValue.Ticks || result > DateTime.MaxValue.Ticks)
            {
                return false;
            }
        }

        ticks = result;
        return true;
    }

    private static bool TryZone(ReadOnlySpan<char> z, out long offsetTicks)
    {
        offsetTicks = 0;
        if (z.Length == 1 && (z[0] == 'Z' || z[0] == 'z'))
        {
            return true;
        }

        if (z.Length < 3 || (z[0] != '+' && z[0] != '-') || !TwoDigits(z, 1, out var hours) || hours > 18)
        {
            return false;
        }

        var minutes = 0;
        if (z.Length == 6 && z[3] == ':')
        {
            if (!TwoDigits(z, 4, out minutes))
            {
                return false;
            }
        }
        else if (z.Length == 5)
        {
            if (!TwoDigits(z, 3, out minutes))
            {
                return false;
            }
        }
        else if (z.Length != 3)
        {
            return false;
        }

        if (minutes > 59)
        {
            return false;
        }

        offsetTicks = ((hours * 60L) + minutes) * TimeSpan.TicksPerMinute;
        if (z[0] == '-')
        {
            offsetTicks = -offsetTicks;
        }

        return true;
    }

    private static bool TryDatePart(ReadOnlySpan<char> s, out long ticks)
    {
        ticks = 0;
        if (s[4] != '-' || s[7] != '-' || !TwoDigits(s, 0, out var c) || !TwoDigits(s, 2, out var y) || !TwoDigits(s, 5, out var month) || !TwoDigits(s, 8, out var day))
        {
            return false;
        }

        var year = (c * 100) + y;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        ticks = new DateTime(year, month, day).Ticks;
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, int at, out int value)
    {
        value = 0;
        if (at + 1 >= s.Length)
        {
            return false;
        }

        var a = (uint)(s[at] - '0');
        var b = (uint)(s[at + 1] - '0');
        if (a > 9 || b > 9)
        {
            return false;
        }

        value = (int)((a * 10) + b);
        return true;
    }

    private static void Accumulate(char c, ref ulong mantissa, ref int significant)
    {
        // Leading zeros are not significant; past 19 digits the fast path is off anyway.
        if (significant == 0 && c == '0')
        {
            return;
        }

        if (significant < 19)
        {
            mantissa = (mantissa * 10) + (ulong)(c - '0');
        }

        significant++;
    }

    private static ReadOnlySpan<char> TrimSpaces(ReadOnlySpan<char> s)
    {
        if (s.Length > 0 && (s[0] == ' ' || s[^1] == ' '))
        {
            return s.Trim(' ');
        }

        return s;
    }
}
