using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Pii;
using SynthVault.Core.Randomness;

namespace SynthVault.Core.Tests;

public sealed class TableTests
{
    [Fact]
    public void Taking_rows_keeps_values_and_nulls_in_the_given_order()
    {
        var table = new Table([
            new Float64Column("x", [1.5, 2.5, 3.5], [false, true, false]),
            StringColumn.FromValues("s", ["a", null, "b"]),
        ]);

        var taken = table.Take([2, 1, 2]);

        Assert.Equal(3, taken.RowCount);
        Assert.Equal(3.5, ((Float64Column)taken["x"])[0]);
        Assert.True(taken["x"].IsNull(1));
        Assert.Equal(["b", null, "b"], Enumerable.Range(0, 3).Select(i => ((StringColumn)taken["s"])[i]));
    }

    [Fact]
    public void A_duplicate_column_name_is_a_user_error_naming_the_column()
    {
        var ex = Assert.Throws<SynthVaultException>(() => new Table([
            new Int64Column("id", [1]),
            new Int64Column("id", [2]),
        ]));

        Assert.Equal("id", ex.Column);
        Assert.Contains("'id'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vertical_concat_merges_string_dictionaries()
    {
        var a = new Table([StringColumn.FromValues("c", ["x", "y"])]);
        var b = new Table([StringColumn.FromValues("c", ["y", null, "z"])]);

        var both = TableConcat.Vertical([a, b]);

        var col = (StringColumn)both["c"];
        Assert.Equal(["x", "y", "y", null, "z"], Enumerable.Range(0, 5).Select(i => col[i]));
        Assert.Equal(3, col.Dictionary.Count);
    }

    [Fact]
    public void Named_seed_streams_are_stable_and_independent()
    {
        var streams = new SeedStreams(42);

        Assert.Equal(streams.DeriveSeed("fit"), new SeedStreams(42).DeriveSeed("fit"));
        Assert.NotEqual(streams.DeriveSeed("fit"), streams.DeriveSeed("sample"));
        Assert.NotEqual(streams.DeriveSeed("sample", 0), streams.DeriveSeed("sample", 1));
        Assert.NotEqual(streams.DeriveSeed("fit"), new SeedStreams(43).DeriveSeed("fit"));
    }

    [Fact]
    public void Xoshiro_integers_stay_in_range_and_cover_it()
    {
        var rng = new Xoshiro256(7);
        var seen = new int[5];
        for (var i = 0; i < 5000; i++)
        {
            seen[rng.NextInt(5)]++;
        }

        // 1000 expected per bucket; a 4-sigma band (sd ~ 28) is wide enough never to flake with a fixed seed.
        Assert.All(seen, count => Assert.InRange(count, 880, 1120));
    }
}

public sealed class ChecksumTests
{
    [Theory]
    [InlineData("4111 1111 1111 1111", true)] // Visa test number
    [InlineData("5500-0000-0000-0004", true)] // Mastercard test number
    [InlineData("4111 1111 1111 1112", false)]
    [InlineData("abcd", false)]
    public void Luhn_accepts_published_test_card_numbers_only(string number, bool valid) =>
        Assert.Equal(valid, Checksums.IsLuhnValid(number));

    [Fact]
    public void Luhn_check_digit_completes_a_valid_number() =>
        Assert.Equal(1, Checksums.LuhnCheckDigit("411111111111111"));

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32", true)] // ECBS example IBAN
    [InlineData("DE89 3704 0044 0532 0130 00", true)]
    [InlineData("GB82 WEST 1234 5698 7654 33", false)]
    [InlineData("GB82", false)]
    public void Iban_mod97_matches_the_published_examples(string iban, bool valid) =>
        Assert.Equal(valid, Checksums.IsIbanValid(iban));

    [Fact]
    public void Iban_check_digits_reproduce_a_known_iban() =>
        Assert.Equal("89", Checksums.IbanCheckDigits("DE", "370400440532013000"));
}
