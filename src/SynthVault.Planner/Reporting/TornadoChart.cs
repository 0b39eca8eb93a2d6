using ScottPlot;

namespace SynthVault.Planner;

/// <summary>
/// Draws the tornado as a PNG: one horizontal bar per input, from the change in the generate − buy gap with the input
/// at its low value to the change with it at its high value, largest swing at the top. Left of zero favours generating.
/// </summary>
public static class TornadoChart
{
    private static readonly Color LowColor = Color.FromHex("#4C78A8");
    private static readonly Color HighColor = Color.FromHex("#F58518");

    /// <summary>Whether the chart can draw text on this machine (a font file was found).</summary>
    public static bool CanDrawText => SynthVault.Charts.PlotFonts.Available;

    /// <summary>Renders the bars (as returned by <see cref="Sensitivity.Tornado"/>) to PNG bytes.</summary>
    /// <param name="bars">Bars, largest swing first; an empty list draws an empty chart with a note.</param>
    /// <param name="width">Image width in pixels (at least 200).</param>
    /// <param name="height">Image height in pixels; 0 sizes it to the number of bars.</param>
    public static byte[] RenderPng(IReadOnlyList<TornadoBar> bars, int width = 900, int height = 0)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        if (height == 0)
        {
            height = Math.Clamp(140 + (bars.Count * 34), 240, 1600);
        }

        _ = SynthVault.Charts.PlotFonts.Available;
        var plot = new Plot();
        var drawn = new List<Bar>(bars.Count * 2);
        var positions = new double[bars.Count];
        var labels = new string[bars.Count];
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            double position = bars.Count - 1 - i;
            positions[i] = position;
            labels[i] = bar.Input;
            drawn.Add(new Bar { Position = position, ValueBase = 0, Value = bar.GapAtLow - bar.GapAtBase, FillColor = LowColor, Size = 0.6 });
            drawn.Add(new Bar { Position = position, ValueBase = 0, Value = bar.GapAtHigh - bar.GapAtBase, FillColor = HighColor, Size = 0.6 });
        }

        if (drawn.Count > 0)
        {
            var barPlot = plot.Add.Bars(drawn);
            barPlot.Horizontal = true;
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        }
        else
        {
            plot.Add.Text("no uncertain inputs to vary", 0, 0);
        }

        var zero = plot.Add.VerticalLine(0);
        zero.Color = Colors.Black;
        zero.LineWidth = 1;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "input at low value", FillColor = LowColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "input at high value", FillColor = HighColor });
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title("Sensitivity of (generate - buy) per 1,000 accepted samples");
        plot.XLabel("Change from base, USD per 1,000 (left favours generating)");
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
