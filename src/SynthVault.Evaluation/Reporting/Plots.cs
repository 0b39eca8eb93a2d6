using ScottPlot;
using SynthVault.Core.Data;
using SynthVault.Evaluation.Fidelity;
using SynthVault.Evaluation.Statistics;

namespace SynthVault.Evaluation.Reporting;

/// <summary>
/// The report's charts, drawn with ScottPlot 5 and returned as base64 PNG for data URIs, so report.html is one
/// self-contained file. Values are aggregated (bins, category shares) before plotting; nothing row-level is drawn.
/// </summary>
internal static class Plots
{
    private const int MaxCategories = 15;
    private const int HistogramBins = 30;
    private static readonly Color RealColor = Color.FromHex("#1f77b4");
    private static readonly Color SyntheticColor = Color.FromHex("#ff7f0e");

    /// <summary>Days between 0001-01-01 and 1899-12-30, the epoch of OLE dates that ScottPlot's date axis reads.</summary>
    private const double OleEpochDays = 693593;

    public static string Marginal(Column real, Column synthetic, ColumnShape shape, bool isDate, int width = 520, int height = 300)
    {
        var plt = NewPlot();
        plt.Title(real.Name, 14);
        if (shape == ColumnShape.Continuous)
        {
            NumericMarginal(plt, real.ToDoubles(), synthetic.ToDoubles(), isDate);
        }
        else
        {
            CategoricalMarginal(plt, real, synthetic);
        }

        plt.Legend.ManualItems.Add(new LegendItem { LabelText = "real", FillColor = RealColor.WithAlpha(0.6) });
        plt.Legend.ManualItems.Add(new LegendItem { LabelText = "synthetic", FillColor = SyntheticColor.WithAlpha(0.6) });
        plt.ShowLegend(Alignment.UpperRight);
        return Encode(plt, width, height);
    }

    public static string Heatmap(double[,] values, IReadOnlyList<string> labels, string title, double min, double max, bool diverging, int size = 480)
    {
        var plt = NewPlot();
        plt.Title(title, 14);
        var n = labels.Count;

        // ScottPlot draws row 0 of the array at the top, as a matrix is read; the left ticks count from the bottom.
        var hm = plt.Add.Heatmap(values);
        hm.Colormap = diverging ? new ScottPlot.Colormaps.Balance() : new ScottPlot.Colormaps.Viridis();
        hm.ManualRange = new ScottPlot.Range(min, max);
        hm.NaNCellColor = Colors.LightGray;
        plt.Add.ColorBar(hm);
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var shortLabels = labels.Select(l => Shorten(l, 14)).ToArray();
        plt.Axes.Bottom.SetTicks(positions, shortLabels);
        plt.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plt.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plt.Axes.Left.SetTicks(positions, [.. shortLabels.Reverse()]);
        plt.Axes.Bottom.MinimumSize = 95;
        return Encode(plt, size + 90, size);
    }

    public static string PrCurves(IReadOnlyList<PrPoint> trtr, IReadOnlyList<PrPoint> tstr, string positiveClass, int width = 520, int height = 380)
    {
        var plt = NewPlot();
        plt.Title($"Precision–recall, positive class '{Shorten(positiveClass, 24)}'", 14);
        AddCurve(plt, trtr, RealColor, "trained on real (TRTR)");
        AddCurve(plt, tstr, SyntheticColor, "trained on synthetic (TSTR)");
        plt.XLabel("recall");
        plt.YLabel("precision");
        plt.Axes.SetLimits(0, 1, 0, 1.02);
        plt.ShowLegend(Alignment.LowerLeft);
        return Encode(plt, width, height);
    }

    public static string DcrHistograms(IReadOnlyList<double> toTrain, IReadOnlyList<double> toHoldout, int width = 520, int height = 320)
    {
        var plt = NewPlot();
        plt.Title("Distance from each synthetic row to its closest real row", 13);
        var all = toTrain.Concat(toHoldout).Where(double.IsFinite).Order().ToArray();
        if (all.Length > 0)
        {
            var top = all[(int)Math.Floor(0.99 * (all.Length - 1))];
            top = top > 0 ? top : all[^1] > 0 ? all[^1] : 1;
            AddHistogram(plt, [.. toTrain], 0, top, 40, RealColor, "to training rows");
            AddHistogram(plt, [.. toHoldout], 0, top, 40, SyntheticColor, "to holdout rows");
        }

        plt.XLabel("distance (Gower-style, 99th percentile and below)");
        plt.YLabel("share of synthetic rows");
        plt.ShowLegend(Alignment.UpperRight);
        return Encode(plt, width, height);
    }

    private static void AddCurve(Plot plt, IReadOnlyList<PrPoint> curve, Color color, string label)
    {
        if (curve.Count == 0)
        {
            return;
        }

        // The curve starts at recall 0 with the precision of the highest threshold, as scikit-learn draws it.
        double[] xs = [0.0, .. curve.Select(p => p.Recall)];
        double[] ys = [curve[0].Precision, .. curve.Select(p => p.Precision)];
        var line = plt.Add.ScatterLine(xs, ys, color);
        line.LineWidth = 2;
        line.LegendText = label;
    }

    private static void NumericMarginal(Plot plt, double[] real, double[] synthetic, bool isDate)
    {
        var (minR, maxR) = SdMetrics.MinMax(real);
        var (minS, maxS) = SdMetrics.MinMax(synthetic);
        var min = double.IsNaN(minS) ? minR : double.IsNaN(minR) ? minS : Math.Min(minR, minS);
        var max = double.IsNaN(maxS) ? maxR : double.IsNaN(maxR) ? maxS : Math.Max(maxR, maxS);
        if (double.IsNaN(min))
        {
            return;
        }

        var offset = isDate ? OleEpochDays : 0;
        AddHistogram(plt, real, min, max, HistogramBins, RealColor, null, offset);
        AddHistogram(plt, synthetic, min, max, HistogramBins, SyntheticColor, null, offset);
        if (isDate)
        {
            plt.Axes.DateTimeTicksBottom();
        }

        plt.YLabel("share of rows");
    }

    private static void AddHistogram(Plot plt, double[] values, double min, double max, int bins, Color color, string? label, double offset = 0)
    {
        if (max <= min)
        {
            (min, max) = (min - 0.5, max + 0.5);
        }

        var width = (max - min) / bins;
        var counts = new double[bins];
        var n = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            n++;
            var b = (int)Math.Floor((v - min) / width);
            if (b >= 0 && b <= bins)
            {
                counts[Math.Min(b, bins - 1)]++;
            }
        }

        var bars = new List<Bar>(bins);
        for (var b = 0; b < bins; b++)
        {
            bars.Add(new Bar
            {
                Position = min + ((b + 0.5) * width) - offset,
                Value = n == 0 ? 0 : counts[b] / n,
                Size = width,
                FillColor = color.WithAlpha(0.55),
                LineWidth = 0,
            });
        }

        plt.Add.Bars(bars);
        if (label is not null)
        {
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color.WithAlpha(0.6) });
        }
    }

    private static void CategoricalMarginal(Plot plt, Column real, Column synthetic)
    {
        var r = Shares(real);
        var s = Shares(synthetic);
        var top = r.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(MaxCategories).Select(kv => kv.Key).ToList();
        var otherReal = 1 - top.Sum(k => r.GetValueOrDefault(k));
        var otherSyn = 1 - top.Sum(k => s.GetValueOrDefault(k));
        var labels = new List<string>(top);
        var realValues = top.Select(k => r.GetValueOrDefault(k)).ToList();
        var synValues = top.Select(k => s.GetValueOrDefault(k)).ToList();
        if (otherReal > 1e-9 || otherSyn > 1e-9)
        {
            labels.Add("(other)");
            realValues.Add(Math.Max(otherReal, 0));
            synValues.Add(Math.Max(otherSyn, 0));
        }

        var bars = new List<Bar>();
        for (var i = 0; i < labels.Count; i++)
        {
            bars.Add(new Bar { Position = i - 0.2, Value = realValues[i], Size = 0.4, FillColor = RealColor, LineWidth = 0 });
            bars.Add(new Bar { Position = i + 0.2, Value = synValues[i], Size = 0.4, FillColor = SyntheticColor, LineWidth = 0 });
        }

        plt.Add.Bars(bars);
        plt.Axes.Bottom.SetTicks([.. Enumerable.Range(0, labels.Count).Select(i => (double)i)], [.. labels.Select(l => Shorten(l, 16))]);
        plt.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plt.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plt.Axes.Bottom.MinimumSize = 100;
        plt.YLabel("share of rows");
    }

    private static Dictionary<string, double> Shares(Column column)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < column.Length; i++)
        {
            var key = Utility.Featurizer.Key(column, i) ?? "(missing)";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        foreach (var key in counts.Keys.ToList())
        {
            counts[key] /= Math.Max(column.Length, 1);
        }

        return counts;
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : string.Concat(s.AsSpan(0, max - 1), "…");

    private static string Encode(Plot plt, int width, int height) => Convert.ToBase64String(plt.GetImageBytes(width, height, ImageFormat.Png));

    private static Plot NewPlot()
    {
        _ = SynthVault.Charts.PlotFonts.Available;
        return new Plot();
    }
}
