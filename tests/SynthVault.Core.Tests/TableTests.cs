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

public sealed class TableSplitTests
{
    [Fact]
    public void A_stratified_split_keeps_each_class_share_and_uses_every_row_once()
    {
        // 1000 rows, 20 of class "rare": a 30 % holdout must hold 6 rare rows and 294 common ones.
        var labels = Enumerable.Range(0, 1000).Select(i => i % 50 == 0 ? "rare" : "common").ToArray();
        var table = new Table([StringColumn.FromValues("y", labels)]);

        var (train, holdout) = TableSplit.Split(table, "y", 0.3, seed: 7);

        Assert.Equal(6, holdout.Count(i => labels[i] == "rare"));
        Assert.Equal(294, holdout.Count(i => labels[i] == "common"));
        Assert.Equal(Enumerable.Range(0, 1000), train.Concat(holdout).Order());
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        var table = new Table([new Int64Column("x", [.. Enumerable.Range(0, 200).Select(i => (long)i)])]);

        var a = TableSplit.Split(table, null, 0.25, 1);
        var b = TableSplit.Split(table, null, 0.25, 1);
        var c = TableSplit.Split(table, null, 0.25, 2);

        Assert.Equal(a.Holdout, b.Holdout);
        Assert.NotEqual(a.Holdout, c.Holdout);
        Assert.Equal(50, a.Holdout.Length);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void An_impossible_holdout_fraction_is_a_user_error(double fraction)
    {
        var table = new Table([new Int64Column("x", [1, 2, 3])]);

        Assert.Throws<SynthVaultException>(() => TableSplit.Split(table, null, fraction, 1));
    }
}
