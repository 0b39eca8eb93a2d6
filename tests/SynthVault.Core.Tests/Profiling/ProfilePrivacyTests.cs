using System.Globalization;
using Bogus;
using CsCheck;
using SynthVault.Core.Data;
using SynthVault.Core.Pii;
using SynthVault.Core.Profiling;
using SynthVault.Core.Schema;
using SynthVault.Core.Tests.Pii;

namespace SynthVault.Core.Tests.Profiling;

public sealed class ProfilePrivacyTests
{
    private const int N = 400;

    private static readonly Gen<string> Email = Gen.Select(
            Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 2, 12],
            Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 2, 10],
            Gen.OneOf("com", "org", "net", "co.uk"))
        .Select((local, domain, tld) => $"{local}@{domain}.{tld}");

    private static readonly Gen<string> Card = Gen.Select(
            Gen.OneOf("4", "51", "55", "6011", "3528"),
            Gen.String[Gen.Char["0123456789"], 14, 14])
        .Select((prefix, digits) =>
        {
            var payload = (prefix + digits)[..15];
            return payload + Checksums.LuhnCheckDigit(payload).ToString(CultureInfo.InvariantCulture);
        });

    [Fact]
    public void Profiles_never_print_a_generated_email_or_card_number()
    {
        Gen.Select(Email.Array[30], Card.Array[30], Gen.Int[1, 3]).Sample((emails, cards, repeats) =>
        {
            // Repeating a few values makes the columns categorical too, so top categories are exercised.
            var fewEmails = Enumerable.Range(0, 30).Select(i => emails[i % repeats]).ToArray<string?>();
            var table = new Table([
                StringColumn.FromValues("email", emails),
                StringColumn.FromValues("card", cards),
                StringColumn.FromValues("contact", fewEmails),
                new Int64Column("pan", [.. cards.Select(c => long.Parse(c, CultureInfo.InvariantCulture))]),
            ]);

            var profile = Profiler.Profile(table);
            var json = profile.ToJson();
            var text = profile.ToText();

            Assert.Equal(PiiKind.Email, profile["email"].Pii);
            Assert.Equal(PiiKind.CreditCard, profile["card"].Pii);
            Assert.Equal(PiiKind.CreditCard, profile["pan"].Pii);
            foreach (var raw in emails.Concat(cards))
            {
                Assert.DoesNotContain(raw, json, StringComparison.Ordinal);
                Assert.DoesNotContain(raw, text, StringComparison.Ordinal);
            }
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void A_planted_table_is_classified_column_by_column_and_no_real_value_is_printed()
    {
        var faker = new Faker("en") { Random = new Randomizer(3) };
        var births = Enumerable.Range(0, N).Select(i => new DateTime(1940, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddDays(i * 97).Ticks).ToArray();
        var planted = new Dictionary<string, string?[]>
        {
            ["email"] = PlantedPii.Emails(N, 1),
            ["phone"] = PlantedPii.Phones(N, 2),
            ["card_number"] = PlantedPii.ValidCards(N, 3),
            ["iban"] = PlantedPii.ValidIbans(N, 4),
            ["ssn"] = PlantedPii.ValidSsns(N, 5),
            ["client_ip"] = [.. Enumerable.Range(0, N).Select(i => $"172.{16 + (i % 16)}.{i % 256}.{(i * 31) % 256}")],
            ["customer_name"] = [.. Enumerable.Range(0, N).Select(_ => $"{faker.Name.FirstName()} {faker.Name.LastName()}")],
            ["home_address"] = [.. Enumerable.Range(0, N).Select(_ => faker.Address.StreetAddress())],
            ["voucher"] = PlantedPii.LuhnInvalidCards(N, 6),
            ["payment_ref"] = PlantedPii.InvalidIbans(N, 7),
        };
        var columns = planted.Select(kv => (Column)StringColumn.FromValues(kv.Key, kv.Value)).ToList();
        columns.Add(new DateTimeColumn("dob", DataType.Date, births));
        columns.Add(new Int64Column("visits", [.. Enumerable.Range(0, N).Select(i => (long)(i % 13))]));

        var profile = Profiler.Profile(new Table(columns));

        var expected = new Dictionary<string, PiiKind>
        {
            ["email"] = PiiKind.Email, ["phone"] = PiiKind.Phone, ["card_number"] = PiiKind.CreditCard, ["iban"] = PiiKind.Iban,
            ["ssn"] = PiiKind.UsSsn, ["client_ip"] = PiiKind.IpAddress, ["customer_name"] = PiiKind.PersonName,
            ["home_address"] = PiiKind.Address, ["dob"] = PiiKind.DateOfBirth, ["voucher"] = PiiKind.None,
            ["payment_ref"] = PiiKind.None, ["visits"] = PiiKind.None,
        };
        Assert.Equal(expected, profile.Columns.ToDictionary(c => c.Name, c => c.Pii));
        Assert.All(profile.Columns.Where(c => c.Pii != PiiKind.None), c =>
        {
            Assert.Equal(ColumnPolicy.Surrogate, c.Policy);
            Assert.Null(c.Min);
            Assert.Null(c.Quantiles);
            Assert.InRange(c.PiiConfidence, 0.5, 1.0);
        });

        var printed = profile.ToJson() + profile.ToText();
        foreach (var (name, values) in planted.Where(kv => expected[kv.Key] != PiiKind.None))
        {
            Assert.All(values, v => Assert.DoesNotContain(v!, printed, StringComparison.Ordinal));
        }

        var isoBirths = births.Select(t => new DateTime(t, DateTimeKind.Unspecified).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.All(isoBirths, d => Assert.DoesNotContain(d, printed, StringComparison.Ordinal));
        Assert.NotEmpty(profile["email"].MaskedSamples);
        Assert.All(profile["email"].MaskedSamples, s => Assert.Matches(@"^[a-z0-9]\*\*\*@[a-z]\*\*\*\.[a-z]+$", s));
        Assert.All(profile["card_number"].MaskedSamples, s => Assert.Matches(@"^\d{4}[ *]+\d{4}$|^\d{4}\*+\d{4}$", s));
        Assert.All(profile["dob"].MaskedSamples, s => Assert.Matches(@"^\d{4}-\*\*-\*\*$", s));
    }
}
