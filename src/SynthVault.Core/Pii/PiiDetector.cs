using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Pii;

/// <summary>The personal-data kind found in a column, how sure the detector is (0–1) and why, in words that never quote a value.</summary>
/// <param name="Kind">The kind, or <see cref="PiiKind.None"/>.</param>
/// <param name="Confidence">0 for None; otherwise the share of sampled values that validated, raised when the name agrees.</param>
/// <param name="Reason">Why, e.g. "name hint 'email' + 98% of 1,000 sampled values are e-mail shaped".</param>
public sealed record PiiMatch(PiiKind Kind, double Confidence, string Reason)
{
    /// <summary>No personal data found.</summary>
    public static PiiMatch None(string reason) => new(PiiKind.None, 0, reason);
}

/// <summary>
/// Decides whether a column holds personal data, from its name and a sample of its values, using the
/// validators of <see cref="PiiValidators"/> (Luhn, mod-97, Presidio's SSN rules, strict IP parsing, ...).
/// <para>
/// Decision rule: draw up to <c>sampleSize</c> non-null values evenly spaced over the column (deterministic,
/// no randomness); for each kind count the values that validate. A kind is chosen when its share reaches
/// <see cref="ValueThreshold"/> (0.8) — or <see cref="HintedThreshold"/> (0.5) when the column name suggests
/// that kind (email, phone, dob, first_name, ...). Shapes that are weak evidence alone need the name hint:
/// nine bare digits (SSN), single-word names, bare digits as phone numbers, and dates of birth (a date column
/// named like dob/birth/born). Person names without a hint need "First Last" values whose first token is a
/// known first name and last token a known surname in at least 60% of the sample, with 10+ distinct values.
/// When several kinds qualify, the hinted kind wins, then the highest share, then the more specific kind
/// (card, IBAN, SSN, e-mail, IP, phone, name, address). A name hint for a kind without a validator (passport,
/// national id, tax id, medical record number) gives <see cref="PiiKind.Other"/> at confidence 0.6.
/// </para>
/// </summary>
public static class PiiDetector
{
    /// <summary>Values drawn from a column by default: enough for a ±3 % share at 95 % confidence.</summary>
    public const int DefaultSampleSize = 1000;

    /// <summary>Share of sampled values that must validate when the name gives no hint.</summary>
    public const double ValueThreshold = 0.8;

    /// <summary>Share of sampled values that must validate when the name suggests the kind.</summary>
    public const double HintedThreshold = 0.5;

    /// <summary>Share of "First Last" values with known first and last names needed without a name hint.</summary>
    public const double UnhintedNameThreshold = 0.6;

    private static readonly DateTime EarliestBirth = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy", "d/M/yyyy", "M/d/yyyy", "yyyyMMdd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>Detects the personal-data kind of <paramref name="column"/> from its name and a sample of its values.</summary>
    public static PiiMatch Detect(string columnName, Column column, int sampleSize = DefaultSampleSize)
    {
        ArgumentNullException.ThrowIfNull(columnName);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        var (hint, word) = ColumnNameHints.PiiHint(columnName);
        if (column.Length - column.NullCount == 0)
        {
            return PiiMatch.None("no values to check");
        }

        var result = column switch
        {
            StringColumn s => DetectStrings(SampleStrings(s, sampleSize), hint, word),
            Int64Column i => DetectStrings(SampleIntegers(i, sampleSize, hint), hint, word),
            DateTimeColumn d => DetectDates(d, sampleSize, hint, word),
            _ => null,
        };

        if (result is not null)
        {
            return result;
        }

        return hint switch
        {
            PiiKind.None => PiiMatch.None("no name hint; values are not text"),
            PiiKind.Other => new PiiMatch(PiiKind.Other, 0.6, $"name hint '{word}' (no validator for this kind: name only)"),
            _ => PiiMatch.None($"name suggests {Describe(hint)} but the values are {column.DataType} numbers"),
        };
    }

    private static PiiMatch DetectStrings(List<string> values, PiiKind hint, string word)
    {
        var n = values.Count;
        if (n == 0)
        {
            return PiiMatch.None("no values to check");
        }

        int email = 0, phone = 0, card = 0, iban = 0, ssn = 0, ip = 0, address = 0, nameWeak = 0, nameStrong = 0, dob = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var today = DateTime.UtcNow.Date;
        foreach (var raw in values)
        {
            var v = raw.AsSpan().Trim();
            if (v.IsEmpty)
            {
                continue;
            }

            distinct.Add(raw);
            email += PiiValidators.IsEmail(v) ? 1 : 0;
            phone += PiiValidators.IsPhone(v, hint == PiiKind.Phone) ? 1 : 0;
            card += PiiValidators.IsCreditCard(v) ? 1 : 0;
            iban += PiiValidators.IsIban(v) ? 1 : 0;
            ssn += PiiValidators.IsUsSsn(v, allowUndelimited: hint == PiiKind.UsSsn) ? 1 : 0;
            ip += PiiValidators.IsIpAddress(v) ? 1 : 0;
            address += PiiValidators.IsStreetAddress(v) ? 1 : 0;
            var (weak, strong) = NameEvidence(v);
            nameWeak += weak ? 1 : 0;
            nameStrong += strong ? 1 : 0;
            if (hint == PiiKind.DateOfBirth && DateTime.TryParseExact(v, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                dob += date >= EarliestBirth && date <= today ? 1 : 0;
            }
        }

        var candidates = new List<(PiiKind Kind, double Rate, double Threshold)>
        {
            (PiiKind.CreditCard, card / (double)n, Threshold(PiiKind.CreditCard)),
            (PiiKind.Iban, iban / (double)n, Threshold(PiiKind.Iban)),
            (PiiKind.UsSsn, ssn / (double)n, Threshold(PiiKind.UsSsn)),
            (PiiKind.Email, email / (double)n, Threshold(PiiKind.Email)),
            (PiiKind.IpAddress, ip / (double)n, Threshold(PiiKind.IpAddress)),
            (PiiKind.Phone, phone / (double)n, Threshold(PiiKind.Phone)),
            hint == PiiKind.PersonName
                ? (PiiKind.PersonName, nameWeak / (double)n, HintedThreshold)
                : (PiiKind.PersonName, distinct.Count >= 10 ? nameStrong / (double)n : 0, UnhintedNameThreshold),
            (PiiKind.Address, address / (double)n, Threshold(PiiKind.Address)),
            (PiiKind.DateOfBirth, dob / (double)n, hint == PiiKind.DateOfBirth ? ValueThreshold : double.PositiveInfinity),
        };

        (PiiKind Kind, double Rate, double Threshold)? best = null;
        foreach (var c in candidates)
        {
            if (c.Rate < c.Threshold)
            {
                continue;
            }

            // The hinted kind wins; otherwise the higher share; the list order breaks ties (more specific first).
            if (best is null || (c.Kind == hint && best.Value.Kind != hint) || (best.Value.Kind != hint && c.Rate > best.Value.Rate))
            {
                best = c;
            }
        }

        if (best is { } b)
        {
            var hinted = b.Kind == hint;
            var confidence = hinted ? Math.Min(1.0, 0.6 + (0.4 * b.Rate)) : 0.9 * b.Rate;
            var share = Percent.Of(b.Rate);
            var sample = n.ToString("N0", CultureInfo.InvariantCulture);
            var evidence = b.Kind == PiiKind.PersonName && !hinted
                ? $"{share} of {sample} sampled values are a known first name followed by a known surname"
                : $"{share} of {sample} sampled values are {ShapeOf(b.Kind)}";
            return new PiiMatch(b.Kind, Math.Round(confidence, 3), hinted ? $"name hint '{word}' + {evidence}" : evidence);
        }

        if (hint is PiiKind.None)
        {
            return PiiMatch.None($"none of {n.ToString("N0", CultureInfo.InvariantCulture)} sampled values matched a personal-data validator often enough");
        }

        if (hint == PiiKind.Other)
        {
            return new PiiMatch(PiiKind.Other, 0.6, $"name hint '{word}' (no validator for this kind: name only)");
        }

        var rate = candidates.Find(c => c.Kind == hint).Rate;
        return PiiMatch.None($"name suggests {Describe(hint)} but only {Percent.Of(rate)} of {n.ToString("N0", CultureInfo.InvariantCulture)} sampled values are {ShapeOf(hint)}");

        double Threshold(PiiKind kind) => kind == hint ? HintedThreshold : ValueThreshold;
    }

    private static PiiMatch? DetectDates(DateTimeColumn column, int sampleSize, PiiKind hint, string word)
    {
        if (hint != PiiKind.DateOfBirth)
        {
            return hint == PiiKind.None ? PiiMatch.None("no name hint; a date is personal only as a date of birth") : null;
        }

        var ticks = column.Ticks;
        var nonNull = column.Length - column.NullCount;
        var stride = Math.Max(1, nonNull / sampleSize);
        var today = DateTime.UtcNow.Date.Ticks;
        int seen = 0, taken = 0, plausible = 0;
        for (var i = 0; i < ticks.Length && taken < sampleSize; i++)
        {
            if (column.IsNull(i))
            {
                continue;
            }

            if (seen++ % stride == 0)
            {
                taken++;
                plausible += ticks[i] >= EarliestBirth.Ticks && ticks[i] <= today ? 1 : 0;
            }
        }

        var rate = plausible / (double)Math.Max(1, taken);
        var share = Percent.Of(rate);
        return rate >= ValueThreshold
            ? new PiiMatch(PiiKind.DateOfBirth, Math.Round(Math.Min(1.0, 0.6 + (0.4 * rate)), 3), $"name hint '{word}' + date column with {share} of sampled dates between 1900 and today")
            : PiiMatch.None($"name suggests a date of birth but only {share} of sampled dates fall between 1900 and today");
    }

    /// <summary>
    /// Weak: 1–4 name-shaped tokens with at least one in the first- or last-name list. Strong: "First Last"
    /// (or "Last, First") with a known first name and a known surname in those places.
    /// </summary>
    private static (bool Weak, bool Strong) NameEvidence(ReadOnlySpan<char> value)
    {
        Span<Range> parts = stackalloc Range[6];
        var count = value.SplitAny(parts, " ,", StringSplitOptions.RemoveEmptyEntries);
        if (count is < 1 or > 4)
        {
            return (false, false);
        }

        var any = false;
        for (var i = 0; i < count; i++)
        {
            var token = value[parts[i]];
            if (!PiiValidators.IsNameToken(token))
            {
                return (false, false);
            }

            var t = token.TrimEnd('.');
            any |= NameGazetteer.IsFirstName(t) || NameGazetteer.IsLastName(t);
        }

        if (count < 2)
        {
            return (any, false);
        }

        var first = value[parts[0]];
        var last = value[parts[count - 1]];
        var strong = (NameGazetteer.IsFirstName(first) && NameGazetteer.IsLastName(last))
            || (value.Contains(',') && NameGazetteer.IsLastName(first) && NameGazetteer.IsFirstName(value[parts[1]]));
        return (any, strong);
    }

    private static List<string> SampleStrings(StringColumn column, int sampleSize)
    {
        var codes = column.Codes;
        var dictionary = column.Dictionary;
        var nonNull = column.Length - column.NullCount;
        var stride = Math.Max(1, nonNull / sampleSize);
        var result = new List<string>(Math.Min(sampleSize, nonNull));
        var seen = 0;
        for (var i = 0; i < codes.Length && result.Count < sampleSize; i++)
        {
            var code = codes[i];
            if (code < 0)
            {
                continue;
            }

            if (seen++ % stride == 0)
            {
                result.Add(dictionary[code]);
            }
        }

        return result;
    }

    private static List<string> SampleIntegers(Int64Column column, int sampleSize, PiiKind hint)
    {
        var values = column.Values;
        var nonNull = column.Length - column.NullCount;
        var stride = Math.Max(1, nonNull / sampleSize);
        var result = new List<string>(Math.Min(sampleSize, nonNull));
        var seen = 0;
        for (var i = 0; i < values.Length && result.Count < sampleSize; i++)
        {
            if (column.IsNull(i) || seen++ % stride != 0)
            {
                continue;
            }

            var v = values[i];

            // Stored as a number, an SSN loses its leading zeros (012-34-5678 → 12345678): restore them.
            var text = v.ToString(CultureInfo.InvariantCulture);
            result.Add(hint == PiiKind.UsSsn && v is > 0 and < 1_000_000_000 ? text.PadLeft(9, '0') : text);
        }

        return result;
    }

    private static string ShapeOf(PiiKind kind) => kind switch
    {
        PiiKind.Email => "e-mail shaped",
        PiiKind.Phone => "phone numbers",
        PiiKind.CreditCard => "Luhn-valid card numbers with a known issuer prefix",
        PiiKind.Iban => "IBANs with a valid mod-97 check and registry length",
        PiiKind.UsSsn => "valid US SSNs (Presidio's rules)",
        PiiKind.IpAddress => "IPv4 or IPv6 addresses",
        PiiKind.PersonName => "names containing a known first name or surname",
        PiiKind.Address => "street addresses (house number + street word)",
        PiiKind.DateOfBirth => "dates between 1900 and today",
        _ => "matching",
    };

    private static string Describe(PiiKind kind) => kind switch
    {
        PiiKind.Email => "e-mail addresses",
        PiiKind.Phone => "phone numbers",
        PiiKind.CreditCard => "card numbers",
        PiiKind.Iban => "IBANs",
        PiiKind.UsSsn => "US SSNs",
        PiiKind.IpAddress => "IP addresses",
        PiiKind.PersonName => "person names",
        PiiKind.Address => "addresses",
        PiiKind.DateOfBirth => "dates of birth",
        _ => "personal data",
    };
}
