using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Schema;

namespace SynthVault.Evaluation.Fidelity;

/// <summary>
/// Scores how closely a synthetic table follows the real one with SDMetrics' quality report definitions
/// (DESIGN §7): column shapes, column pair trends, their mean as the quality score, plus coverage.
/// </summary>
public static class FidelityEvaluator
{
    /// <summary>What the defaults reproduce.</summary>
    public const string Compatibility = "SDMetrics 0.29 QualityReport";

    /// <summary>
    /// Evaluates <paramref name="synthetic"/> against <paramref name="real"/> (the rows the synthesizer was fitted on).
    /// Throws <see cref="Core.Errors.SynthVaultException"/> when the tables cannot be compared (a column missing on
    /// one side, text on one side and numbers on the other, an empty table).
    /// </summary>
    public static FidelityResult Evaluate(Table real, Table synthetic, TableSchema schema, FidelityOptions? options = null, CancellationToken ct = default)
    {
        options ??= FidelityOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Bins);
        EvaluationScope.Validate(real, synthetic, schema);
        var (scored, excluded) = EvaluationScope.Columns(schema);
        var warnings = new List<string>();

        // Per column: numbers for continuous columns, shared codes for discrete ones, computed once.
        var data = new ColumnData[scored.Count];
        Parallel.For(0, scored.Count, new ParallelOptions { CancellationToken = ct }, i => data[i] = ColumnData.Load(scored[i], real, synthetic, options));

        var shapes = new ColumnShapeScore[scored.Count];
        var coverage = new CoverageScore[scored.Count];
        for (var i = 0; i < scored.Count; i++)
        {
            (shapes[i], coverage[i]) = ScoreColumn(data[i]);
        }

        var pairs = new List<(int A, int B)>();
        for (var i = 0; i < scored.Count; i++)
        {
            for (var j = i + 1; j < scored.Count; j++)
            {
                pairs.Add((i, j));
            }
        }

        var trends = new PairTrendScore[pairs.Count];
        Parallel.For(0, pairs.Count, new ParallelOptions { CancellationToken = ct }, p => trends[p] = ScorePair(data[pairs[p].A], data[pairs[p].B], options));
        ct.ThrowIfCancellationRequested();

        foreach (var s in shapes.Where(s => s.Note is not null))
        {
            warnings.Add($"Column '{s.Column}': {s.Metric} not computed ({s.Note}).");
        }

        var undefinedPairs = trends.Count(t => double.IsNaN(t.Score));
        if (undefinedPairs > 0 && options.RealCorrelationThreshold <= 0 && options.RealAssociationThreshold <= 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{undefinedPairs} column pair(s) have no defined trend score (e.g. a constant column) and are left out of the average."));
        }

        if (scored.Count == 0)
        {
            warnings.Add("No column can be scored: every column is an identifier, free text or personal data.");
        }

        var shapesScore = NanMean(shapes.Select(s => s.Score));
        var trendsScore = NanMean(trends.Select(t => t.Score));
        var quality = NanMean([shapesScore, trendsScore]);
        var settings = new FidelitySettings(
            Compatibility,
            options.Coefficient,
            options.RealCorrelationThreshold,
            options.RealAssociationThreshold,
            options.Bins,
            options.Binning);
        return new FidelityResult(quality, shapesScore, trendsScore, shapes, trends, coverage, excluded, settings, warnings);
    }

    private static (ColumnShapeScore, CoverageScore) ScoreColumn(ColumnData d)
    {
        if (d.Codes is { } codes)
        {
            var tv = SdMetrics.TvComplement(codes);
            var (cov, realCategories, covered) = SdMetrics.CategoryCoverage(codes);
            return (
                new ColumnShapeScore(d.Name, "TVComplement", tv, double.IsNaN(tv) ? "a table has no non-missing value" : null),
                new CoverageScore(d.Name, cov, double.NaN, double.NaN, realCategories, covered));
        }

        var ks = SdMetrics.KsComplement(d.RealNumbers!, d.SyntheticNumbers!, d.RoundForKs);
        return (
            new ColumnShapeScore(d.Name, "KSComplement", ks, double.IsNaN(ks) ? "a table has no non-missing value" : null),
            new CoverageScore(
                d.Name,
                double.NaN,
                SdMetrics.RangeCoverage(d.RealNumbers, d.SyntheticNumbers),
                SdMetrics.BoundaryAdherence(d.RealNumbers, d.SyntheticNumbers),
                0,
                0));
    }

    private static PairTrendScore ScorePair(ColumnData a, ColumnData b, FidelityOptions options)
    {
        if (a.Codes is null && b.Codes is null)
        {
            var c = SdMetrics.CorrelationSimilarity(a.RealNumbers, b.RealNumbers, a.SyntheticNumbers, b.SyntheticNumbers, options.Coefficient, options.RealCorrelationThreshold);
            string? note = null;
            if (double.IsNaN(c.Score))
            {
                note = double.IsNaN(c.Real) || double.IsNaN(c.Synthetic) ? "correlation undefined (a constant column or fewer than two complete rows)"
                    : "real correlation at or below the threshold";
            }

            return new PairTrendScore(a.Name, b.Name, "CorrelationSimilarity", c.Score, c.Real, c.Synthetic, double.NaN, note);
        }

        var (score, association) = SdMetrics.Contingency(a.Codes ?? a.Binned!, b.Codes ?? b.Binned!);
        if (options.RealAssociationThreshold > 0 && !(association > options.RealAssociationThreshold))
        {
            return new PairTrendScore(a.Name, b.Name, "ContingencySimilarity", double.NaN, double.NaN, double.NaN, association, "real association (Cramér's V) at or below the threshold");
        }

        return new PairTrendScore(a.Name, b.Name, "ContingencySimilarity", score, double.NaN, double.NaN, association);
    }

    internal static double NanMean(IEnumerable<double> values)
    {
        double sum = 0;
        var count = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>One scored column, loaded once for all the metrics that use it.</summary>
    private sealed class ColumnData
    {
        public required string Name { get; init; }

        /// <summary>Shared codes of a discrete column, null for continuous ones.</summary>
        public DiscreteCodes? Codes { get; init; }

        /// <summary>A continuous column binned for ContingencySimilarity.</summary>
        public DiscreteCodes? Binned { get; init; }

        public double[] RealNumbers { get; init; } = [];

        public double[] SyntheticNumbers { get; init; } = [];

        public bool RoundForKs { get; init; }

        public static ColumnData Load(ScoredColumn column, Table real, Table synthetic, FidelityOptions options)
        {
            var r = real[column.Name];
            var s = synthetic[column.Name];
            if (column.Shape == ColumnShape.Discrete)
            {
                return new ColumnData { Name = column.Name, Codes = DiscreteCodes.From(r, s) };
            }

            var rn = r.ToDoubles();
            var sn = s.ToDoubles();
            var (rb, sb) = options.Binning == PairBinning.RealEdges
                ? SdMetrics.DigitizeWithRealEdges(rn, sn, options.Bins)
                : (SdMetrics.DigitizeOwnRange(rn, options.Bins), SdMetrics.DigitizeOwnRange(sn, options.Bins));
            return new ColumnData
            {
                Name = column.Name,
                RealNumbers = rn,
                SyntheticNumbers = sn,
                Binned = DiscreteCodes.FromBins(rb, sb, options.Bins + 2),

                // SDMetrics holds integers and datetimes (as int64 nanoseconds) exactly; only floats are rounded.
                RoundForKs = r.DataType is DataType.Float64 or DataType.Decimal || s.DataType is DataType.Float64 or DataType.Decimal,
            };
        }
    }
}
