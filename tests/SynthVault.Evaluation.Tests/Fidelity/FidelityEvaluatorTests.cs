using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Fidelity;
using SynthVault.Evaluation.Statistics;
using SynthVault.Testing;

namespace SynthVault.Evaluation.Tests.Fidelity;

public sealed class FidelityEvaluatorTests
{
    [Fact]
    public void A_perfect_copy_scores_one_everywhere()
    {
        var real = AdultSplits.Part(0, 4000);

        var result = FidelityEvaluator.Evaluate(real, real, TestData.AdultSchema);

        Assert.Equal(1.0, result.QualityScore, 12);
        Assert.All(result.ColumnShapes, s => Assert.Equal(1.0, s.Score, 12));
        Assert.All(result.PairTrends, p => Assert.Equal(1.0, p.Score, 12));
        Assert.All(result.Coverage.Where(c => !double.IsNaN(c.CategoryCoverage)), c => Assert.Equal(1.0, c.CategoryCoverage));
        Assert.All(result.Coverage.Where(c => !double.IsNaN(c.RangeCoverage)), c => Assert.Equal(1.0, c.RangeCoverage));
        Assert.Equal(15, result.ColumnShapes.Count);
        Assert.Equal(15 * 14 / 2, result.PairTrends.Count);
        Assert.Equal(6 * 5 / 2, result.PairTrends.Count(p => p.Metric == "CorrelationSimilarity"));
    }

    [Fact]
    public void Shuffling_each_column_keeps_the_shapes_but_lowers_the_pair_trends()
    {
        var real = AdultSplits.Part(0, 4000);
        var sample = AdultSplits.Part(4000, 4000);
        var independent = AdultSplits.ShuffleEachColumn(sample, 5);

        var faithful = FidelityEvaluator.Evaluate(real, sample, TestData.AdultSchema);
        var broken = FidelityEvaluator.Evaluate(real, independent, TestData.AdultSchema);

        // Shuffling within a column leaves its values (and so its shape) unchanged.
        Assert.Equal(faithful.ColumnShapesScore, broken.ColumnShapesScore, 12);

        // Adult's strongest pairs (relationship–sex, education–education_num, marital–relationship) are destroyed:
        // their contingency scores drop from ≈ 0.95 to well under 0.8, pulling the average down by several points.
        Assert.True(broken.PairTrendsScore < faithful.PairTrendsScore - 0.05, $"{broken.PairTrendsScore} vs {faithful.PairTrendsScore}");
        var pair = broken.PairTrends.Single(p => p.Column1 == "education" && p.Column2 == "education_num");
        Assert.True(pair.Score < 0.6, $"education–education_num {pair.Score}");
        Assert.True(broken.QualityScore < faithful.QualityScore);
    }

    [Fact]
    public void Spearman_can_replace_pearson_for_numeric_pairs()
    {
        var real = AdultSplits.Part(0, 1000);
        var result = FidelityEvaluator.Evaluate(real, AdultSplits.Part(1000, 1000), TestData.AdultSchema, new FidelityOptions(Coefficient: CorrelationCoefficient.Spearman));
        var pair = result.PairTrends.Single(p => p.Column1 == "age" && p.Column2 == "hr_per_week");
        var age = real["age"].ToDoubles();
        var hours = real["hr_per_week"].ToDoubles();
        Assert.Equal(Metrics.Spearman(age, hours), pair.RealCorrelation, 12);
        Assert.Equal(CorrelationCoefficient.Spearman, result.Settings.Coefficient);
    }

    [Fact]
    public void A_positive_correlation_threshold_leaves_weak_pairs_out_of_the_average()
    {
        var real = AdultSplits.Part(0, 1000);
        var result = FidelityEvaluator.Evaluate(real, AdultSplits.Part(1000, 1000), TestData.AdultSchema, new FidelityOptions(RealCorrelationThreshold: 0.5, RealAssociationThreshold: 0.3));

        // No numeric pair of Adult has |ρ| > 0.5, so every CorrelationSimilarity is left out, and weak categorical pairs too.
        Assert.All(result.PairTrends.Where(p => p.Metric == "CorrelationSimilarity"), p => Assert.True(double.IsNaN(p.Score)));
        Assert.Contains(result.PairTrends, p => p.Metric == "ContingencySimilarity" && !double.IsNaN(p.Score));
        Assert.All(result.PairTrends.Where(p => !double.IsNaN(p.Score)), p => Assert.True(p.RealAssociation > 0.3));
    }

    [Fact]
    public void Identifier_text_and_personal_data_columns_are_left_out_of_every_score()
    {
        var (real, syn, schema) = SmallTables();

        var result = FidelityEvaluator.Evaluate(real, syn, schema);

        Assert.Equal(["amount", "kind", "day"], result.ColumnShapes.Select(s => s.Column));
        Assert.Equal(["id", "note", "email"], result.ExcludedColumns.Select(e => e.Column));
        Assert.DoesNotContain(result.PairTrends, p => p.Column1 is "id" or "note" or "email" || p.Column2 is "id" or "note" or "email");
        Assert.Equal("KSComplement", result.ColumnShapes[2].Metric);
    }

    [Fact]
    public void A_column_missing_from_the_synthetic_table_is_named_in_the_error()
    {
        var (real, syn, schema) = SmallTables();
        var ex = Assert.Throws<SynthVaultException>(() => FidelityEvaluator.Evaluate(real, syn.Without(["kind"]), schema));
        Assert.Equal("kind", ex.Column);
        Assert.Contains("missing column 'kind'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extra_synthetic_column_is_named_in_the_error()
    {
        var (real, syn, schema) = SmallTables();
        var ex = Assert.Throws<SynthVaultException>(() => FidelityEvaluator.Evaluate(real, syn.With(new Float64Column("bonus", new double[syn.RowCount])), schema));
        Assert.Equal("bonus", ex.Column);
    }

    [Fact]
    public void Text_on_one_side_and_numbers_on_the_other_is_a_kind_mismatch_error()
    {
        var (real, syn, schema) = SmallTables();
        var asText = StringColumn.FromValues("amount", [.. Enumerable.Range(0, syn.RowCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var ex = Assert.Throws<SynthVaultException>(() => FidelityEvaluator.Evaluate(real, syn.With(asText), schema));
        Assert.Equal("amount", ex.Column);
        Assert.Contains("numbers", ex.Message, StringComparison.Ordinal);
        Assert.Contains("text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_synthetic_table_is_an_error()
    {
        var (real, syn, schema) = SmallTables();
        var ex = Assert.Throws<SynthVaultException>(() => FidelityEvaluator.Evaluate(real, syn.Head(0), schema));
        Assert.Contains("no rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dropped_column_may_be_absent_from_the_synthetic_table()
    {
        var (real, syn, schema) = SmallTables();
        var dropped = schema.With(schema["note"] with { Policy = ColumnPolicy.Drop });
        var result = FidelityEvaluator.Evaluate(real, syn.Without(["note"]), dropped);
        Assert.Contains(result.ExcludedColumns, e => e.Column == "note");
    }

    [Fact]
    public void A_constant_column_gives_undefined_correlations_and_a_warning_not_a_crash()
    {
        var (real, syn, schema) = SmallTables();
        var constant = new Float64Column("amount", [.. Enumerable.Repeat(5.0, real.RowCount)]);
        var result = FidelityEvaluator.Evaluate(real.With(constant), syn, schema);
        var pair = result.PairTrends.Single(p => p.Column1 == "amount" && p.Column2 == "day");
        Assert.True(double.IsNaN(pair.Score));
        Assert.NotNull(pair.Note);
        Assert.Contains(result.Warnings, w => w.Contains("no defined trend score", StringComparison.Ordinal));
        Assert.False(double.IsNaN(result.QualityScore));
    }

    /// <summary>Ten rows with every kind of column, including ones the scores must skip.</summary>
    internal static (Table Real, Table Synthetic, TableSchema Schema) SmallTables()
    {
        Table Make(int offset) => new([
            new Int64Column("id", [.. Enumerable.Range(offset, 10).Select(i => (long)i)]),
            new Float64Column("amount", [.. Enumerable.Range(0, 10).Select(i => (i * 1.5) + offset)]),
            StringColumn.FromValues("kind", [.. Enumerable.Range(0, 10).Select(i => i % 3 == 0 ? "a" : "b")]),
            new DateTimeColumn("day", DataType.Date, [.. Enumerable.Range(0, 10).Select(i => new DateTime(2024, 1, 1).AddDays((i * 3) + offset).Ticks)]),
            StringColumn.FromValues("note", [.. Enumerable.Range(0, 10).Select(i => $"free text {i + offset}")]),
            StringColumn.FromValues("email", [.. Enumerable.Range(0, 10).Select(i => $"p{i + offset}@example.org")]),
        ]);
        var schema = new TableSchema([
            new ColumnSchema("id", ColumnKind.Identifier, DataType.Int64, Role: ColumnRole.Key, Policy: ColumnPolicy.Regenerate),
            new ColumnSchema("amount", ColumnKind.Continuous, DataType.Float64),
            new ColumnSchema("kind", ColumnKind.Categorical, DataType.String),
            new ColumnSchema("day", ColumnKind.DateTime, DataType.Date),
            new ColumnSchema("note", ColumnKind.Text, DataType.String),
            new ColumnSchema("email", ColumnKind.Categorical, DataType.String, PiiKind.Email, Policy: ColumnPolicy.Surrogate),
        ]);
        return (Make(0), Make(1), schema);
    }
}
