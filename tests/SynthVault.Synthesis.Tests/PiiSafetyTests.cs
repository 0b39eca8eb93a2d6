using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using SynthVault.Core.Data;
using SynthVault.Core.Pii;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Tests;

/// <summary>
/// A table with planted personal data and keys: no real value of a PII or identifier column may appear anywhere
/// in the output or in the model file; surrogates keep their formats and checksums; keys are fresh and unique.
/// </summary>
public sealed partial class PiiSafetyTests
{
    private const int Rows = 2000;

    private static readonly Lazy<(Table Table, TableSchema Schema, HashSet<string> Secrets)> Planted = new(Plant);

    public static TheoryData<string> Methods => ["copula", "cart"];

    private static (Table, TableSchema, HashSet<string>) Plant()
    {
        var rng = new Xoshiro256(99);
        var ids = new string[Rows];
        var accounts = new long[Rows];
        var emails = new string[Rows];
        var cards = new string[Rows];
        var ibans = new string[Rows];
        var ssns = new string[Rows];
        var phones = new string[Rows];
        var names = new string[Rows];
        var ips = new string[Rows];
        var dobs = new long[Rows];
        var notes = new string[Rows];
        var secrets = new string[Rows];
        var ages = new long[Rows];
        var segments = new string[Rows];
        for (var i = 0; i < Rows; i++)
        {
            ids[i] = string.Create(CultureInfo.InvariantCulture, $"CUST-{10_000_000 + (i * 37):D8}");
            accounts[i] = 700_000_000 + (i * 101);
            emails[i] = string.Create(CultureInfo.InvariantCulture, $"quentin.zorbaleff{i}@realmail-provider.com");
            var payload = string.Create(CultureInfo.InvariantCulture, $"5{rng.NextInt(100_000_000):D8}{rng.NextInt(1_000_000):D6}");
            cards[i] = payload + Checksums.LuhnCheckDigit(payload);
            var bban = string.Create(CultureInfo.InvariantCulture, $"37040044{rng.NextInt(1_000_000_000):D10}");
            ibans[i] = "DE" + Checksums.IbanCheckDigits("DE", bban) + bban;
            ssns[i] = string.Create(CultureInfo.InvariantCulture, $"{100 + rng.NextInt(500)}-{10 + rng.NextInt(89)}-{1000 + rng.NextInt(8999)}");
            phones[i] = string.Create(CultureInfo.InvariantCulture, $"+44 20 {7000 + rng.NextInt(999)} {1000 + rng.NextInt(8999)}");
            names[i] = string.Create(CultureInfo.InvariantCulture, $"Quentin Zorbaleff-{i}");
            ips[i] = string.Create(CultureInfo.InvariantCulture, $"10.{rng.NextInt(255)}.{rng.NextInt(255)}.{1 + rng.NextInt(254)}");
            dobs[i] = new DateTime(1950 + rng.NextInt(50), 1 + rng.NextInt(12), 1 + rng.NextInt(28), 0, 0, 0, DateTimeKind.Unspecified).Ticks;
            notes[i] = "Customer called about card " + cards[i];
            secrets[i] = string.Create(CultureInfo.InvariantCulture, $"SECRET-{i}");
            ages[i] = 20 + rng.NextInt(60);
            segments[i] = rng.NextDouble() < 0.3 ? "retail" : "business";
        }

        var table = new Table(
        [
            StringColumn.FromValues("customer_id", ids),
            new Int64Column("account_no", accounts),
            StringColumn.FromValues("email", emails),
            StringColumn.FromValues("card", cards),
            StringColumn.FromValues("iban", ibans),
            StringColumn.FromValues("ssn", ssns),
            StringColumn.FromValues("phone", phones),
            StringColumn.FromValues("name", names),
            StringColumn.FromValues("ip", ips),
            new DateTimeColumn("dob", DataType.Date, dobs),
            StringColumn.FromValues("notes", notes),
            StringColumn.FromValues("secret", secrets),
            new Int64Column("age", ages),
            StringColumn.FromValues("segment", segments),
        ]);
        var schema = new TableSchema(
        [
            new ColumnSchema("customer_id", ColumnKind.Identifier, DataType.String, Role: ColumnRole.Key, Policy: ColumnPolicy.Regenerate),
            new ColumnSchema("account_no", ColumnKind.Identifier, DataType.Int64, Policy: ColumnPolicy.Regenerate),
            // Misconfigured on purpose: PII marked Synthesize must still never be learned.
            new ColumnSchema("email", ColumnKind.Categorical, DataType.String, PiiKind.Email, Policy: ColumnPolicy.Synthesize),
            new ColumnSchema("card", ColumnKind.Categorical, DataType.String, PiiKind.CreditCard, Policy: ColumnPolicy.Surrogate),
            new ColumnSchema("iban", ColumnKind.Categorical, DataType.String, PiiKind.Iban, Policy: ColumnPolicy.Surrogate),
            new ColumnSchema("ssn", ColumnKind.Categorical, DataType.String, PiiKind.UsSsn, Policy: ColumnPolicy.Surrogate),
            new ColumnSchema("phone", ColumnKind.Categorical, DataType.String, PiiKind.Phone, Policy: ColumnPolicy.Surrogate),
            new ColumnSchema("name", ColumnKind.Categorical, DataType.String, PiiKind.PersonName, Policy: ColumnPolicy.Surrogate),
            new ColumnSchema("ip", ColumnKind.Categorical, DataType.String, PiiKind.IpAddress, Policy: ColumnPolicy.Surrogate),
            new ColumnSchema("dob", ColumnKind.DateTime, DataType.Date, PiiKind.DateOfBirth, Policy: ColumnPolicy.Surrogate),
            new ColumnSchema("notes", ColumnKind.Text, DataType.String),
            new ColumnSchema("secret", ColumnKind.Categorical, DataType.String, PiiKind.Other, Policy: ColumnPolicy.Drop),
            new ColumnSchema("age", ColumnKind.Integer, DataType.Int64),
            new ColumnSchema("segment", ColumnKind.Categorical, DataType.String),
        ]);
        var secretValues = new HashSet<string>(StringComparer.Ordinal);
        // Dates of birth are left out: a surrogate date is drawn from a fixed 72-year window without looking at
        // the data, so it meets one of 2,000 real birthdays by coincidence (about 8 % per row) without
        // revealing anything; the other columns carry enough entropy that a match would be a leak.
        foreach (var name in new[] { "customer_id", "account_no", "email", "card", "iban", "ssn", "phone", "name", "ip", "notes", "secret" })
        {
            var column = table[name];
            for (var i = 0; i < Rows; i++)
            {
                secretValues.Add(Text(column.GetValue(i)));
            }
        }

        return (table, schema, secretValues);
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void No_real_personal_value_or_key_appears_anywhere_in_the_output(string method)
    {
        var (table, schema, secrets) = Planted.Value;

        var output = Synthesizers.Create(method, 5).Fit(table, schema).Sample(3000, null, 6);

        Assert.Equal(["customer_id", "account_no", "email", "card", "iban", "ssn", "phone", "name", "ip", "dob", "notes", "age", "segment"], output.ColumnNames);
        foreach (var column in output.Columns)
        {
            for (var i = 0; i < output.RowCount; i++)
            {
                var text = Text(column.GetValue(i));
                Assert.False(text.Length > 0 && secrets.Contains(text), $"column {column.Name} row {i} holds a real value");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Surrogates_keep_their_formats_and_checksums_and_keys_are_fresh_and_unique(string method)
    {
        var (table, schema, _) = Planted.Value;

        var output = Synthesizers.Create(method, 5).Fit(table, schema).Sample(3000, null, 7);

        var ids = (StringColumn)output["customer_id"];
        Assert.Equal(3000, Enumerable.Range(0, 3000).Select(i => ids[i]).Distinct().Count());
        Assert.All(Enumerable.Range(0, 3000), i => Assert.Matches(IdShape(), ids[i]!));
        Assert.Equal(Enumerable.Range(1, 3000).Select(v => (long)v), ((Int64Column)output["account_no"]).Values.ToArray().Order());
        var cards = (StringColumn)output["card"];
        var ibans = (StringColumn)output["iban"];
        var ssns = (StringColumn)output["ssn"];
        var emails = (StringColumn)output["email"];
        var ips = (StringColumn)output["ip"];
        var dob = (DateTimeColumn)output["dob"];
        for (var i = 0; i < 3000; i++)
        {
            Assert.True(Checksums.IsLuhnValid(cards[i]), cards[i]);
            Assert.StartsWith("400000", cards[i], StringComparison.Ordinal);
            Assert.True(Checksums.IsIbanValid(ibans[i]), ibans[i]);
            Assert.InRange(int.Parse(ssns[i]![..3], CultureInfo.InvariantCulture), 900, 999);
            Assert.Matches(EmailShape(), emails[i]!);
            Assert.Matches(DocumentationIp(), ips[i]!);
            Assert.InRange(dob[i].Year, 1935, 2006);
        }

        Assert.Equal(3000, output["notes"].NullCount);
        Assert.Equal(0, output["age"].NullCount);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void The_model_file_holds_no_personal_value_or_key(string method)
    {
        var (table, schema, secrets) = Planted.Value;
        var model = Synthesizers.Create(method, 5).Fit(table, schema);
        using var buffer = new MemoryStream();
        ModelFile.Save(model, buffer);
        var bytes = buffer.ToArray();
        var start = bytes.AsSpan().IndexOf([(byte)0x1f, (byte)0x8b, (byte)0x08]);
        using var gzip = new GZipStream(new MemoryStream(bytes, start, bytes.Length - start), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);

        var json = reader.ReadToEnd();

        Assert.Contains("\"segment\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Zorbaleff", json, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", json, StringComparison.Ordinal);
        Assert.DoesNotContain("CUST-", json, StringComparison.Ordinal);
        Assert.DoesNotContain(secrets.Where(s => s.Length > 8), s => json.Contains(s, StringComparison.Ordinal));
    }

    [Fact]
    public void Surrogate_generation_is_seeded_and_thread_independent()
    {
        var column = new ColumnSchema("card", ColumnKind.Categorical, DataType.String, PiiKind.CreditCard, Policy: ColumnPolicy.Surrogate);

        var a = Pii.PiiSurrogates.Generate(column, 40_000, 3);
        var b = Pii.PiiSurrogates.Generate(column, 40_000, 3);
        var c = Pii.PiiSurrogates.Generate(column, 40_000, 4);

        Assert.Equal(TestTables.Dump(new Table([a])), TestTables.Dump(new Table([b])));
        Assert.NotEqual(TestTables.Dump(new Table([a])), TestTables.Dump(new Table([c])));
    }

    [GeneratedRegex(@"^[A-Z]{4}-\d{8}$")]
    private static partial Regex IdShape();

    [GeneratedRegex(@"@example\.(com|org|net)$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$")]
    private static partial Regex DocumentationIp();
}
