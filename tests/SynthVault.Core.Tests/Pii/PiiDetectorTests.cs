using System.Globalization;
using Bogus;
using SynthVault.Core.Data;
using SynthVault.Core.Pii;
using SynthVault.Core.Schema;
using SynthVault.Testing;

namespace SynthVault.Core.Tests.Pii;

public sealed class PiiDetectorTests
{
    private const int N = 300;

    public static TheoryData<string, string, PiiKind> StringColumns => new()
    {
        // Positives: values alone, and hinted names with a weaker share.
        { "contact", "emails", PiiKind.Email },
        { "email", "emails-60%", PiiKind.Email },
        { "x", "cards", PiiKind.CreditCard },
        { "account", "ibans", PiiKind.Iban },
        { "ref", "ssns", PiiKind.UsSsn },
        { "ssn", "ssns-undelimited", PiiKind.UsSsn },
        { "host", "ips", PiiKind.IpAddress },
        { "tel", "phones", PiiKind.Phone },
        { "reached_on", "phones", PiiKind.Phone },
        { "first_name", "first-names", PiiKind.PersonName },
        { "owner", "full-names", PiiKind.PersonName },
        { "street", "addresses", PiiKind.Address },
        { "dob", "iso-dates", PiiKind.DateOfBirth },
        { "passport_no", "codes", PiiKind.Other },

        // Negatives: the same shapes broken, shares below the threshold, and look-alikes.
        { "notes", "emails-60%", PiiKind.None },
        { "x", "cards-luhn-invalid", PiiKind.None },
        { "account", "ibans-invalid", PiiKind.None },
        { "ref", "ssns-invalid", PiiKind.None },
        { "code", "ssns-undelimited", PiiKind.None },
        { "version", "versions", PiiKind.None },
        { "race", "adult-race", PiiKind.None },
        { "city", "cities", PiiKind.None },
        { "order_no", "ten-digit-numbers", PiiKind.None },
        { "email", "codes", PiiKind.None },
        { "created", "iso-dates", PiiKind.None },
    };

    [Theory]
    [MemberData(nameof(StringColumns))]
    public void String_columns_are_classified_by_validators_and_name_hints(string name, string values, PiiKind expected)
    {
        var column = StringColumn.FromValues(name, Values(values));

        var match = PiiDetector.Detect(name, column);

        Assert.True(expected == match.Kind, $"{name}/{values}: expected {expected}, got {match.Kind} ({match.Reason})");
        Assert.Equal(expected == PiiKind.None, match.Confidence == 0);
    }

    [Fact]
    public void The_reason_names_the_hint_and_the_share_but_never_a_value()
    {
        var emails = PlantedPii.Emails(N, 11);

        var match = PiiDetector.Detect("email", StringColumn.FromValues("email", emails));

        Assert.Equal("name hint 'email' + 100% of 300 sampled values are e-mail shaped", match.Reason);
        Assert.DoesNotContain(emails, e => match.Reason.Contains(e, StringComparison.Ordinal));
    }

    [Fact]
    public void A_hinted_column_whose_values_do_not_validate_says_so()
    {
        var match = PiiDetector.Detect("email", StringColumn.FromValues("email", Values("codes")));

        Assert.Equal(PiiKind.None, match.Kind);
        Assert.StartsWith("name suggests e-mail addresses but only 0%", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_columns_are_checked_for_card_numbers_and_hinted_phones_and_ssns()
    {
        var cards = PlantedPii.ValidCards(N, 21).Select(c => long.Parse(c.Replace(" ", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray();
        var phones = Enumerable.Range(0, N).Select(i => 2_025_550_000L + (i * 37)).ToArray();

        Assert.Equal(PiiKind.CreditCard, PiiDetector.Detect("pan_hash", new Int64Column("pan_hash", cards)).Kind);
        Assert.Equal(PiiKind.Phone, PiiDetector.Detect("phone", new Int64Column("phone", phones)).Kind);
        Assert.Equal(PiiKind.None, PiiDetector.Detect("amount", new Int64Column("amount", phones)).Kind);

        // An SSN stored as a number loses its leading zeros: 012-34-5678 is the integer 12345678.
        var ssns = PlantedPii.ValidSsns(N, 22).Select(s => long.Parse(s.Replace("-", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(PiiKind.UsSsn, PiiDetector.Detect("ssn", new Int64Column("ssn", ssns)).Kind);
        Assert.Equal(PiiKind.None, PiiDetector.Detect("amount", new Int64Column("amount", ssns)).Kind);
    }

    [Fact]
    public void A_date_column_is_a_date_of_birth_only_when_named_so_and_its_dates_are_in_the_past()
    {
        var births = Enumerable.Range(0, N).Select(i => new DateTime(1950, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddDays(i * 61).Ticks).ToArray();
        var future = Enumerable.Range(0, N).Select(i => new DateTime(2150, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddDays(i).Ticks).ToArray();

        Assert.Equal(PiiKind.DateOfBirth, PiiDetector.Detect("date_of_birth", new DateTimeColumn("date_of_birth", DataType.Date, births)).Kind);
        Assert.Equal(PiiKind.None, PiiDetector.Detect("signup_date", new DateTimeColumn("signup_date", DataType.Date, births)).Kind);
        Assert.Equal(PiiKind.None, PiiDetector.Detect("dob", new DateTimeColumn("dob", DataType.Date, future)).Kind);
    }

    [Fact]
    public void No_column_of_the_Adult_census_is_taken_for_personal_data()
    {
        foreach (var column in TestData.Adult.Columns)
        {
            var match = PiiDetector.Detect(column.Name, column);
            Assert.True(match.Kind == PiiKind.None, $"{column.Name}: {match.Kind} ({match.Reason})");
        }
    }

    [Fact]
    public void An_all_null_column_has_nothing_to_detect()
    {
        var match = PiiDetector.Detect("email", StringColumn.FromValues("email", new string?[10]));

        Assert.Equal(PiiKind.None, match.Kind);
    }

    internal static string?[] Values(string set)
    {
        var faker = new Faker("en") { Random = new Randomizer(17) };
        return set switch
        {
            "emails" => PlantedPii.Emails(N, 1),
            "emails-60%" => [.. PlantedPii.Emails(N, 1).Select((e, i) => i % 5 < 3 ? e : "n/a")],
            "cards" => PlantedPii.ValidCards(N, 2),
            "cards-luhn-invalid" => PlantedPii.LuhnInvalidCards(N, 3),
            "ibans" => PlantedPii.ValidIbans(N, 4),
            "ibans-invalid" => PlantedPii.InvalidIbans(N, 4),
            "ssns" => PlantedPii.ValidSsns(N, 5),
            "ssns-undelimited" => [.. PlantedPii.ValidSsns(N, 5).Select(s => s.Replace("-", string.Empty, StringComparison.Ordinal))],
            "ssns-invalid" => [.. Enumerable.Range(0, N).Select(i => new[] { "000-12-3456", "666-12-3456", "912-12-3456", "123-00-4567", "123-45-0000", "123-45-6789", "078-05-1120", "222-22-2222" }[i % 8])],
            "ips" => [.. Enumerable.Range(0, N).Select(i => i % 2 == 0 ? $"10.{i % 256}.{(i * 7) % 256}.{(i * 13) % 256}" : $"2001:db8::{i:x}")],
            "versions" => [.. Enumerable.Range(0, N).Select(i => $"{i % 4}.{i % 10}.{i}")],
            "phones" => PlantedPii.Phones(N, 6),
            "first-names" => [.. Enumerable.Range(0, N).Select(_ => faker.Name.FirstName())],
            "full-names" => [.. Enumerable.Range(0, N).Select(_ => $"{faker.Name.FirstName()} {faker.Name.LastName()}")],
            "addresses" => [.. Enumerable.Range(0, N).Select(_ => faker.Address.StreetAddress())],
            "iso-dates" => [.. Enumerable.Range(0, N).Select(i => new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddDays(i * 53).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
            "codes" => [.. Enumerable.Range(0, N).Select(i => $"P{i:000000}X")],
            "adult-race" => [.. Enumerable.Range(0, TestData.Adult.RowCount).Select(i => ((StringColumn)TestData.Adult["race"])[i] ?? string.Empty)],
            "cities" => [.. Enumerable.Range(0, N).Select(_ => faker.Address.City())],
            "ten-digit-numbers" => [.. Enumerable.Range(0, N).Select(i => (2_025_550_000L + (i * 7919)).ToString(CultureInfo.InvariantCulture))],
            _ => throw new ArgumentOutOfRangeException(nameof(set), set, null),
        };
    }
}
