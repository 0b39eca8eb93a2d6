using System.Globalization;
using System.Net;
using System.Text;

namespace SynthVault.Planner;

/// <summary>
/// A self-contained HTML page for a plan: inline CSS, the tornado as an inline PNG (data URI), no scripts and no
/// external references, so it can be archived or mailed inside an air-gapped network.
/// </summary>
public static class CostPlanHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Renders a full report (plan, tornado, input sources, warnings).</summary>
    public static string Render(CostReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Render(report.Plan, report.Tornado, report.Inputs, report.Warnings);
    }

    /// <summary>Renders a plan and its tornado; inputs and warnings are optional sections.</summary>
    public static string Render(CostPlan plan, IReadOnlyList<TornadoBar> tornado, IReadOnlyList<InputProvenance>? inputs = null, IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(tornado);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SynthVault cost plan</title><style>")
          .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}")
          .Append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
          .Append("td.n{text-align:right;font-variant-numeric:tabular-nums}.warn{color:#8a4b00}.muted{color:#666}")
          .Append("</style></head><body>\n");
        sb.Append(Inv, $"<h1>Buy vs generate: {plan.Volume:N0} accepted samples</h1>\n");
        sb.Append("<p><strong>").Append(Encode(Verdict(plan))).Append("</strong></p>\n");

        sb.Append("<h2>Cost per 1,000 accepted samples</h2>\n<table><tr><th>Side</th><th>Per 1,000 (USD)</th><th>Total for the volume (USD)</th></tr>\n");
        Row(sb, "Generate", plan.Generate.CostPer1000Usd, plan.Generate.TotalUsd);
        Row(sb, "Buy", plan.Buy.CostPer1000Usd, plan.Buy.TotalUsd);
        sb.Append("</table>\n");

        Breakdown(sb, "Generate breakdown", plan.Generate);
        Breakdown(sb, "Buy breakdown", plan.Buy);

        sb.Append("<h2>Break-even</h2>\n<p>").Append(Encode(plan.BreakEven.Summary)).Append("</p>\n");
        sb.Append("<h2>Time to deliver</h2>\n<table>");
        sb.Append(Inv, $"<tr><td>Generation and judging</td><td class=\"n\">{plan.Time.GenerationHours:N1} machine hours</td></tr>");
        sb.Append(Inv, $"<tr><td>Human review</td><td class=\"n\">{plan.Time.ReviewHours:N1} working hours</td></tr>");
        sb.Append(Inv, $"<tr><td>Generate, calendar</td><td class=\"n\">{plan.Time.GenerateCalendarDays:N1} days</td></tr>");
        sb.Append("<tr><td>Buy, calendar</td><td class=\"n\">")
          .Append(plan.Time.BuyCalendarDays is { } days ? days.ToString("N1", Inv) + " days" : "unknown (set vendorItemsPerDay)")
          .Append("</td></tr></table>\n");

        sb.Append("<h2>Inputs that dominate</h2>\n<table><tr><th>Input</th><th>Cost</th><th>Elasticity</th></tr>\n");
        foreach (var d in plan.DominantInputs)
        {
            sb.Append("<tr><td>").Append(Encode(d.Input)).Append("</td><td>").Append(d.Side.ToString().ToLowerInvariant())
              .Append(Inv, $"</td><td class=\"n\">{d.Elasticity:+0.00;-0.00}</td></tr>\n");
        }

        sb.Append("</table><p class=\"muted\">Elasticity: the % change in that cost per 1,000 for a 1 % rise in the input.</p>\n");

        sb.Append("<h2>Sensitivity (tornado)</h2>\n");
        var png = TornadoChart.RenderPng(tornado);
        if (!TornadoChart.CanDrawText)
        {
            sb.Append("<p class=\"muted\">No font file was found on this machine, so the chart has no labels; the table below has the same numbers.</p>\n");
        }

        sb.Append("<img alt=\"Tornado chart of the generate minus buy gap\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">\n");
        sb.Append("<table><tr><th>Input</th><th>Low</th><th>Base</th><th>High</th><th>Generate per 1,000 (low / high)</th><th>Buy per 1,000 (low / high)</th><th>Swing</th><th>Flips the choice</th></tr>\n");
        foreach (var bar in tornado)
        {
            sb.Append("<tr><td>").Append(Encode(bar.Input)).Append(Inv, $"</td><td class=\"n\">{bar.LowValue:G4}</td><td class=\"n\">{bar.BaseValue:G4}</td><td class=\"n\">{bar.HighValue:G4}</td>")
              .Append(Inv, $"<td class=\"n\">{bar.GenerateCostAtLow:N2} / {bar.GenerateCostAtHigh:N2}</td><td class=\"n\">{bar.BuyCostAtLow:N2} / {bar.BuyCostAtHigh:N2}</td>")
              .Append(Inv, $"<td class=\"n\">{bar.Swing:N2}</td><td>{(bar.DecisionFlips ? "yes" : "no")}</td></tr>\n");
        }

        sb.Append("</table>\n");

        if (inputs is { Count: > 0 })
        {
            sb.Append("<h2>Inputs and where they came from</h2>\n<table><tr><th>Input</th><th>Value</th><th>Unit</th><th>Source</th><th>Detail</th></tr>\n");
            foreach (var input in inputs.Where(i => i.Relevant))
            {
                sb.Append("<tr><td>").Append(Encode(input.Input)).Append("</td><td class=\"n\">").Append(Encode(input.Display))
                  .Append("</td><td>").Append(Encode(input.Unit)).Append("</td><td>").Append(SourceText(input))
                  .Append("</td><td>").Append(Encode(input.Detail)).Append("</td></tr>\n");
            }

            sb.Append("</table>\n");
        }

        if (warnings is { Count: > 0 })
        {
            sb.Append("<h2>Warnings</h2>\n<ul>");
            foreach (var warning in warnings)
            {
                sb.Append("<li class=\"warn\">").Append(Encode(warning)).Append("</li>");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("<p class=\"muted\">Formulas: COST-MODEL.md in the SynthVault sources. Figures are planning estimates, not quotes.</p>\n</body></html>\n");
        return sb.ToString();
    }

    /// <summary>One sentence saying which option is cheaper at the plan's volume and by how much.</summary>
    public static string Verdict(CostPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var gap = Math.Abs(plan.Generate.CostPer1000Usd - plan.Buy.CostPer1000Usd);
        return plan.CheaperOption switch
        {
            "generate" => string.Create(Inv, $"Generating is cheaper at this volume by {gap:N2} USD per 1,000 accepted samples."),
            "buy" => string.Create(Inv, $"Buying is cheaper at this volume by {gap:N2} USD per 1,000 accepted samples."),
            _ => "Generating and buying cost the same at this volume.",
        };
    }

    /// <summary>"measured", "preset", "preset (estimate)", "assumed" or "set by you".</summary>
    public static string SourceText(InputProvenance input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Source switch
        {
            InputSource.Measured => "measured",
            InputSource.Preset => input.Estimate ? "preset (estimate)" : "preset",
            InputSource.User => "set by you",
            _ => "assumed",
        };
    }

    private static void Row(StringBuilder sb, string side, double per1000, double total) =>
        sb.Append("<tr><td>").Append(side).Append(Inv, $"</td><td class=\"n\">{per1000:N2}</td><td class=\"n\">{total:N2}</td></tr>\n");

    private static void Breakdown(StringBuilder sb, string title, SideCost side)
    {
        sb.Append("<h3>").Append(title).Append("</h3>\n<table><tr><th>Component</th><th>Per 1,000 (USD)</th><th>Share</th></tr>\n");
        foreach (var c in side.Breakdown)
        {
            sb.Append("<tr><td>").Append(Encode(c.Label)).Append(Inv, $"</td><td class=\"n\">{c.CostPer1000Usd:N2}</td><td class=\"n\">{c.Share:P1}</td></tr>\n");
        }

        sb.Append("</table>\n");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
