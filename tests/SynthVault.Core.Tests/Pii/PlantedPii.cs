using System.Globalization;
using SynthVault.Core.Pii;
using SynthVault.Core.Randomness;

namespace SynthVault.Core.Tests.Pii;

/// <summary>Generators of valid and deliberately invalid identifiers for the PII tests, from a fixed seed.</summary>
internal static class PlantedPii
{
    public static string[] ValidCards(int count, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var result = new string[count];
        string[] prefixes = ["4", "51", "55", "2221", "6011", "37", "3528"];
        for (var i = 0; i < count; i++)
        {
            var prefix = prefixes[i % prefixes.Length];
            var length = prefix == "37" ? 15 : 16;
            var payload = prefix + Digits(ref rng, length - 1 - prefix.Length);
            var number = payload + Checksums.LuhnCheckDigit(payload).ToString(CultureInfo.InvariantCulture);
            result[i] = i % 3 == 0 && length == 16 ? $"{number[..4]} {number[4..8]} {number[8..12]} {number[12..]}" : number;
        }

        return result;
    }

    /// <summary>16-digit Visa-prefixed numbers whose last digit is one off the Luhn check digit.</summary>
    public static string[] LuhnInvalidCards(int count, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            var payload = "4" + Digits(ref rng, 14);
            var wrong = (Checksums.LuhnCheckDigit(payload) + 1 + rng.NextInt(9)) % 10;
            result[i] = payload + wrong.ToString(CultureInfo.InvariantCulture);
        }

        return result;
    }

    public static string[] ValidIbans(int count, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            var (country, bban) = (i % 3) switch
            {
                0 => ("DE", Digits(ref rng, 18)),
                1 => ("GB", "NWBK" + Digits(ref rng, 14)),
                _ => ("NL", "ABNA" + Digits(ref rng, 10)),
            };
            result[i] = country + Checksums.IbanCheckDigits(country, bban) + bban;
        }

        return result;
    }

    public static string[] InvalidIbans(int count, ulong seed) =>
        [.. ValidIbans(count, seed).Select(iban => iban[..2] + (((iban[2] - '0') + 1) % 10).ToString(CultureInfo.InvariantCulture) + iban[3..])];

    /// <summary>SSNs that pass Presidio's rules: area 001–899 except 666, group 01–99, serial 0001–9999.</summary>
    public static string[] ValidSsns(int count, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            int area;
            do
            {
                area = 1 + rng.NextInt(899);
            }
            while (area == 666);
            var group = 1 + rng.NextInt(99);
            var serial = 1 + rng.NextInt(9999);
            result[i] = string.Create(CultureInfo.InvariantCulture, $"{area:000}-{group:00}-{serial:0000}");
        }

        return result;
    }

    public static string[] Emails(int count, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        string[] domains = ["example.com", "mail.example.org", "corp.example.co.uk", "uni-example.edu"];
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = $"{Letters(ref rng, 3 + rng.NextInt(6))}.{Letters(ref rng, 4)}{rng.NextInt(100)}@{domains[i % domains.Length]}";
        }

        return result;
    }

    public static string[] Phones(int count, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = (i % 4) switch
            {
                0 => $"+44 20 {Digits(ref rng, 4)} {Digits(ref rng, 4)}",
                1 => $"({2 + rng.NextInt(7)}{Digits(ref rng, 2)}) {Digits(ref rng, 3)}-{Digits(ref rng, 4)}",
                2 => $"07{Digits(ref rng, 9)}",
                _ => $"+1-{2 + rng.NextInt(7)}{Digits(ref rng, 2)}-{Digits(ref rng, 3)}-{Digits(ref rng, 4)}",
            };
        }

        return result;
    }

    public static string Digits(ref Xoshiro256 rng, int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + rng.NextInt(10));
        }

        return new string(chars);
    }

    private static string Letters(ref Xoshiro256 rng, int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('a' + rng.NextInt(26));
        }

        return new string(chars);
    }
}
