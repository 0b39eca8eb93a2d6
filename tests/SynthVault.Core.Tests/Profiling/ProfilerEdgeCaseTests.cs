using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Profiling;
using SynthVault.Core.Progress;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Tests.Profiling;

public sealed class ProfilerEdgeCaseTests
{
    private const int Rows = 2000;

    [Fact]
    public void An_all_missing_column_is_dropped_with_a_warning_naming_it()
    {
        var table = new Table([
            new Int64Column("x", Sequence(Rows, i => i % 7)),
            StringColumn.FromValues("empty_text", new string?[Rows]),
            new Float64Column("empty_number", new double[Rows], Enumerable.Repeat(true, Rows).ToArray()),
        ]);

        var profile = Profiler.Profile(table);

        foreach (var name in new[] { "empty_text", "empty_number" })
        {
            var c = profile[name];
            Assert.True(c.IsAllNull);
            Assert.Equal(ColumnPolicy.Drop, c.Policy);
            Assert.Equal(Rows, c.NullCount);
            Assert.Null(c.Mean);
            Assert.Contains(profile.Warnings, w => w.Contains($"'{name}'", StringComparison.Ordinal) && w.Contains("all 2,000 values are missing", StringComparison.Ordinal));
        }

        Assert.Equal(ColumnKind.Categorical, profile["empty_text"].Kind);
        Assert.Equal(ColumnKind.Continuous, profile["empty_number"].Kind);
    }

    [Fact]
    public void A_constant_column_is_noted_and_warned_about()
    {
        var table = new Table([StringColumn.FromValues("country", Enumerable.Repeat<string?>("NL", Rows).ToArray()), new Int64Column("one", Sequence(Rows, _ => 1))]);

        var profile = Profiler.Profile(table);

        Assert.Equal(ColumnKind.Categorical, profile["country"].Kind);
        Assert.Equal(1, profile["one"].DistinctCount);
        Assert.Contains("constant: every non-null value is the same", profile["country"].Notes);
        Assert.Equal(2, profile.Warnings.Count(w => w.Contains("constant", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_million_distinct_strings_are_an_identifier_never_categorical()
    {
        const int n = 1_000_000;
        var dictionary = new string[n];
        var codes = new int[n];
        for (var i = 0; i < n; i++)
        {
            dictionary[i] = "TX" + (i * 7919L % 10_000_019L).ToString("D8", CultureInfo.InvariantCulture);
            codes[i] = i;
        }

        var profile = Profiler.Profile(new Table([new StringColumn("transaction", codes, dictionary)]));

        var c = profile["transaction"];
        Assert.Equal(ColumnKind.Identifier, c.Kind);
        Assert.Equal(ColumnRole.Key, c.Role);
        Assert.Equal(ColumnPolicy.Regenerate, c.Policy);
        Assert.Equal(n, c.DistinctCount);
        Assert.Empty(c.TopCategories);
        Assert.All(c.MaskedSamples, s => Assert.Equal("XX99999999", s));
    }

    [Fact]
    public void High_cardinality_strings_with_spaces_are_text_not_categories()
    {
        var values = Enumerable.Range(0, Rows).Select(i => $"note {i} about case {i * 3}").ToArray<string?>();

        var c = Profiler.Profile(new Table([StringColumn.FromValues("remark", values)]))["remark"];

        Assert.Equal(ColumnKind.Text, c.Kind);
    }

    [Theory]
    [InlineData("row", ColumnKind.Identifier)] // increasing 1..n: a row number
    [InlineData("customer_id", ColumnKind.Identifier)] // shuffled but named like a key
    [InlineData("amount_cents", ColumnKind.Integer)] // shuffled, all distinct, no hint: a measure
    public void Whole_number_columns_that_are_all_distinct_are_identifiers_only_with_order_or_a_name(string name, ColumnKind expected)
    {
        // i × 7919 mod 1,000,003 (a prime) is distinct for every i below it, neither monotone nor gap-free.
        var values = name == "row" ? Sequence(Rows, i => i + 1) : Sequence(Rows, i => i * 7_919L % 1_000_003L);

        var c = Profiler.Profile(new Table([new Int64Column(name, values)]))[name];

        Assert.Equal(expected, c.Kind);
        Assert.Equal(expected == ColumnKind.Identifier ? ColumnRole.Key : ColumnRole.Feature, c.Role);
    }

    [Fact]
    public void Integer_codes_are_boolean_categorical_or_integer_by_their_values_and_name()
    {
        var table = new Table([
            new Int64Column("flag", Sequence(Rows, i => i % 2)),
            new Int64Column("sex", Sequence(Rows, i => 1 + (i % 2))),
            new Int64Column("status_code", Sequence(Rows, i => i % 5)),
            new Int64Column("children", Sequence(Rows, i => i % 5)),
            new Float64Column("is_member", [.. Sequence(Rows, i => i % 3 == 0 ? 1 : 0).Select(v => (double)v)]),
        ]);

        var profile = Profiler.Profile(table);

        Assert.Equal(ColumnKind.Boolean, profile["flag"].Kind);
        Assert.Equal(ColumnKind.Categorical, profile["sex"].Kind);
        Assert.Equal(ColumnKind.Categorical, profile["status_code"].Kind);
        Assert.Equal(ColumnKind.Integer, profile["children"].Kind);
        Assert.Equal(ColumnKind.Boolean, profile["is_member"].Kind);
        Assert.Contains("integer with 2 distinct values {0, 1} → Boolean", profile["flag"].Notes);
    }

    [Fact]
    public void A_mostly_numeric_text_column_gets_a_mixed_types_warning()
    {
        var values = Enumerable.Range(0, Rows).Select(i => i % 40 == 0 ? "N/A" : (i * 1.5).ToString(CultureInfo.InvariantCulture)).ToArray<string?>();

        var profile = Profiler.Profile(new Table([StringColumn.FromValues("reading", values)]));

        Assert.Contains(profile.Warnings, w => w.StartsWith("Column 'reading': 97.5% of values are numbers", StringComparison.Ordinal));
    }

    [Fact]
    public void NaN_counts_as_missing_and_infinities_stay_out_of_the_moments()
    {
        double[] values = [1, 2, double.NaN, 3, double.PositiveInfinity, 4];

        var c = Profiler.Profile(new Table([new Float64Column("v", values)]))["v"];

        Assert.Equal(5, c.Count);
        Assert.Equal(1, c.NullCount);
        Assert.Equal(2.5, c.Mean);
        Assert.Equal(double.PositiveInfinity, c.Max);
        Assert.Contains(c.Notes, n => n.StartsWith("1 NaN values", StringComparison.Ordinal));
    }

    [Fact]
    public void Date_statistics_are_days_and_print_as_dates()
    {
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var ticks = Enumerable.Range(0, 101).Select(i => start.AddDays(i).Ticks).ToArray();

        var c = Profiler.Profile(new Table([new DateTimeColumn("day", DataType.Date, ticks)]))["day"];

        Assert.Equal(ColumnKind.DateTime, c.Kind);
        Assert.Equal("2020-01-01", c.FormatStatistic(c.Min!.Value));
        Assert.Equal("2020-04-10", c.FormatStatistic(c.Max!.Value));
        Assert.Equal("2020-02-20", c.FormatStatistic(c.Quantiles!.P50));
        Assert.Equal(29.3, c.Std!.Value, 0.1); // sample sd of 0..100 days = sqrt(101 × 102 / 12) ≈ 29.30
    }

    [Fact]
    public void Above_the_exact_limit_distinct_counts_are_estimated_within_three_percent()
    {
        const int n = 300_000;
        var rng = new Xoshiro256(9);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = rng.NextGaussian();
        }

        var options = new ProfilerOptions { ExactStatisticsLimit = 1000, QuantileSampleSize = 10_000 };
        var estimated = Profiler.Profile(new Table([new Float64Column("z", values)]), options)["z"];
        var exact = Profiler.Profile(new Table([new Float64Column("z", values)]))["z"];

        // HyperLogLog at precision 14 has a standard error of 0.81 %: three percent is over three standard errors.
        Assert.False(estimated.DistinctIsExact);
        Assert.InRange(estimated.DistinctCount, (long)(exact.DistinctCount * 0.97), (long)(exact.DistinctCount * 1.03));

        // Quantiles from an evenly spaced sample of 10,000 standard normals: the median is within ±0.05 (≈ 4 standard errors).
        Assert.False(estimated.QuantilesAreExact);
        Assert.Equal(exact.Quantiles!.P50, estimated.Quantiles!.P50, 0.05);
        Assert.Equal(exact.Min, estimated.Min);
        Assert.Equal(exact.Mean!.Value, estimated.Mean!.Value, 1e-12);
    }

    [Fact]
    public void Above_the_exact_limit_few_distinct_values_are_still_counted_exactly()
    {
        var values = Sequence(50_000, i => i % 3);

        var c = Profiler.Profile(new Table([new Int64Column("grade", values)]), new ProfilerOptions { ExactStatisticsLimit = 100 })["grade"];

        Assert.True(c.DistinctIsExact);
        Assert.Equal(3, c.DistinctCount);
        Assert.Equal([new("0", 16_667), new("1", 16_667), new("2", 16_666)], c.TopCategories);
    }

    [Fact]
    public void A_label_named_like_one_beats_a_binary_last_column_and_several_named_ones_are_warned_about()
    {
        var table = new Table([
            new Int64Column("is_fraud", Sequence(Rows, i => i % 9 == 0 ? 1 : 0)),
            new Int64Column("amount", Sequence(Rows, i => i * 3 % 1000)),
            StringColumn.FromValues("channel", Sequence(Rows, i => i % 2).Select(v => v == 0 ? "web" : "shop").ToArray<string?>()),
        ]);

        var profile = Profiler.Profile(table);

        Assert.Equal("is_fraud", profile.Label?.Name);
        Assert.Equal(ColumnRole.Feature, profile["channel"].Role);
        Assert.Contains(profile["channel"].Notes, n => n.Contains("not chosen: 'is_fraud' ranks higher", StringComparison.Ordinal));
        Assert.Empty(profile.Warnings);

        var two = Profiler.Profile(new Table([table["is_fraud"], new Int64Column("target", Sequence(Rows, i => i % 2))]));
        Assert.Equal("target", two.Label?.Name);
        Assert.Single(two.Warnings, w => w.StartsWith("Several columns look like a label (is_fraud, target)", StringComparison.Ordinal));
        Assert.Single(two.Columns, c => c.Role == ColumnRole.Label);
    }

    [Fact]
    public void A_table_without_a_binary_column_has_no_label()
    {
        var profile = Profiler.Profile(new Table([new Int64Column("a", Sequence(Rows, i => i % 50)), new Float64Column("b", new double[Rows])]));

        Assert.Null(profile.Label);
    }

    [Fact]
    public void Progress_is_reported_per_column_and_cancellation_stops_the_work()
    {
        var table = new Table(Enumerable.Range(0, 6).Select(i => (Column)new Int64Column($"c{i}", Sequence(100, r => r * i))));
        var updates = new List<ProgressUpdate>();
        var progress = new SynchronousProgress(u =>
        {
            lock (updates)
            {
                updates.Add(u);
            }
        });

        Profiler.Profile(table, progress: progress);

        Assert.Equal(7, updates.Count);
        Assert.All(updates, u => Assert.Equal("profile", u.Stage));
        Assert.Equal(6, updates.Max(u => u.Done));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Profiler.Profile(table, ct: cts.Token));
    }

    [Fact]
    public void An_empty_table_profiles_without_error()
    {
        var profile = Profiler.Profile(new Table([new Int64Column("a", []), StringColumn.FromValues("b", [])]));

        Assert.Equal(0, profile.RowCount);
        Assert.All(profile.Columns, c => Assert.Equal(ColumnPolicy.Drop, c.Policy));
        Assert.Contains("The table has no rows: every column is empty.", profile.Warnings);
    }

    private static long[] Sequence(int n, Func<int, long> f) => [.. Enumerable.Range(0, n).Select(f)];

    private sealed class SynchronousProgress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
