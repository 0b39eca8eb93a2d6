using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SynthVault.IO;
using SynthVault.Planner;

namespace SynthVault.App.Run;

/// <summary>What the tabular steps of a run measured.</summary>
/// <param name="TrainRows">Rows the synthesizer was fitted on.</param>
/// <param name="SyntheticRows">Rows in the delivered synthetic table.</param>
/// <param name="FitSeconds">Wall time of the fit.</param>
/// <param name="SampleSeconds">Wall time of sampling (and rebalancing, when it ran).</param>
internal sealed record TabularMeasurement(int TrainRows, int SyntheticRows, double FitSeconds, double SampleSeconds);

/// <summary>What the text step measured.</summary>
/// <param name="Model">The model file's name.</param>
/// <param name="Rows">Rows whose text was asked for.</param>
/// <param name="Filled">Rows that got an accepted text.</param>
/// <param name="Candidates">Candidate texts generated (first tries and retries).</param>
/// <param name="PromptTokens">Prompt tokens over all calls.</param>
/// <param name="GeneratedTokens">Generated tokens over all calls.</param>
/// <param name="GenerationSeconds">Wall time inside the generator.</param>
/// <param name="ReviewFraction">The project's planned review share (<c>text.reviewFraction</c>).</param>
internal sealed record TextMeasurement(string Model, int Rows, int Filled, long Candidates, long PromptTokens, long GeneratedTokens, double GenerationSeconds, double ReviewFraction);

/// <summary>
/// The run's cost plan, <c>cost-plan.json</c> and <c>cost-plan.html</c>: the measured machine time and cost of the
/// tabular steps per 1,000 synthetic rows, and — when the text step ran — the planner's buy-vs-generate plan for the
/// text column with the acceptance rate and call shape measured in this run (SynthVault.Planner, COST-MODEL.md).
/// </summary>
internal static class RunCostPlan
{
    public const string JsonFile = "cost-plan.json";

    public const string HtmlFile = "cost-plan.html";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes both files into <paramref name="folder"/>; returns the HTML path and notes for the user.</summary>
    public static (string HtmlPath, IReadOnlyList<string> Notes) Write(string folder, TabularMeasurement tabular, TextMeasurement? text, TimeProvider clock)
    {
        var notes = new List<string>();
        var machine = CostInputs.Default;

        // COST-MODEL.md, "Machine price per second": rent plus power × tariff, per hour, over 3,600.
        var machinePerSecond = (machine.MachineCostPerHourUsd + (machine.MachinePowerWatts / 1000 * machine.ElectricityPricePerKwhUsd)) / 3600;
        var seconds = tabular.FitSeconds + tabular.SampleSeconds;
        var secondsPer1000 = tabular.SyntheticRows == 0 ? 0 : seconds / tabular.SyntheticRows * 1000;
        var tab = new JsonObject
        {
            ["trainRows"] = tabular.TrainRows,
            ["syntheticRows"] = tabular.SyntheticRows,
            ["fitSeconds"] = Round(tabular.FitSeconds),
            ["sampleSeconds"] = Round(tabular.SampleSeconds),
            ["fitRowsPerSecond"] = Round(Rate(tabular.TrainRows, tabular.FitSeconds)),
            ["sampleRowsPerSecond"] = Round(Rate(tabular.SyntheticRows, tabular.SampleSeconds)),
            ["machineSecondsPer1000Rows"] = Round(secondsPer1000),
            ["machineCostPerHourUsd"] = machine.MachineCostPerHourUsd,
            ["machineCostPerHourSource"] = "assumed (the planner's built-in machineCostPerHourUsd)",
            ["costPer1000RowsUsd"] = Round(secondsPer1000 * machinePerSecond, 6),
            ["costOfThisRunUsd"] = Round(seconds * machinePerSecond, 6),
        };

        CostReport? report = null;
        if (text is null)
        {
            notes.Add("cost plan: tabular machine time only; a text step adds the planner's buy-vs-generate plan for the text column.");
        }
        else if (text.Candidates == 0 || text.Filled == 0)
        {
            notes.Add("cost plan: the text step accepted no text, so there is no acceptance rate to plan with; tabular machine time only.");
        }
        else
        {
            var builder = new CostScenarioBuilder(clock);
            builder.ApplyRunStats(
                new MeasuredRunStats(
                    AcceptanceRate: Math.Min(1, (double)text.Filled / text.Candidates),
                    SamplesPerCall: 1,
                    PromptTokensPerCall: (double)text.PromptTokens / text.Candidates,
                    OutputTokensPerSample: Math.Max(1, (double)text.GeneratedTokens / text.Candidates),
                    ReviewSecondsPerItem: null,
                    ReviewFraction: 0,
                    Rounds: 1),
                "this run's text step");

            // The fill asks one text per call and runs without a judge; the review share is the project's plan
            // (nobody reviews during a run), so it is the user's setting, not a measurement.
            builder.Set("judge", "none");
            builder.Set("reviewFraction", text.ReviewFraction.ToString("R", Inv));
            report = CostReport.Create(builder.Build(), Math.Max(1, text.Rows));
            notes.Add("cost plan: token speeds are the planner's assumptions (a batched fill cannot split prompt from generation time); run 'synthvault llm bench' and 'synthvault cost --bench' for measured speeds.");
        }

        var root = new JsonObject
        {
            ["tabular"] = tab,
            ["text"] = report is null ? null : JsonNode.Parse(report.ToJson()),
            ["textMeasured"] = text is null ? null : new JsonObject
            {
                ["model"] = text.Model,
                ["rows"] = text.Rows,
                ["filled"] = text.Filled,
                ["candidates"] = text.Candidates,
                ["promptTokens"] = text.PromptTokens,
                ["generatedTokens"] = text.GeneratedTokens,
                ["generationSeconds"] = Round(text.GenerationSeconds),
            },
            ["notes"] = new JsonArray([.. notes.Select(n => (JsonNode?)JsonValue.Create(n))]),
        };
        var json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        AtomicFile.WriteAllText(Path.Combine(folder, JsonFile), json);

        var html = Path.Combine(folder, HtmlFile);
        AtomicFile.WriteAllText(html, Html(tab, report, notes));
        return (html, notes);
    }

    private static string Html(JsonObject tabular, CostReport? report, IReadOnlyList<string> notes)
    {
        var section = new StringBuilder();
        section.Append("<h1>Cost of this run</h1>\n<h2>Tabular synthesis (measured)</h2>\n<table>\n");
        foreach (var (key, value) in tabular)
        {
            section.Append("<tr><td>").Append(WebUtility.HtmlEncode(key)).Append("</td><td class=\"n\">")
                .Append(WebUtility.HtmlEncode(value?.ToJsonString().Trim('"') ?? "-")).Append("</td></tr>\n");
        }

        section.Append("</table>\n");
        foreach (var note in notes)
        {
            section.Append("<p class=\"muted\">").Append(WebUtility.HtmlEncode(note)).Append("</p>\n");
        }

        if (report is null)
        {
            return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SynthVault run cost</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
                + "td.n{text-align:right}.muted{color:#666}</style></head><body>\n" + section + "</body></html>\n";
        }

        // The planner's page for the text column, with the tabular section at its top.
        const string body = "<body>\n";
        var page = CostPlanHtml.Render(report);
        var at = page.IndexOf(body, StringComparison.Ordinal);
        section.Append("<h2>Text column: buy vs generate (planner)</h2>\n");
        return at < 0 ? section + page : page.Insert(at + body.Length, section.ToString());
    }

    private static double Rate(int rows, double seconds) => seconds <= 0 ? 0 : rows / seconds;

    private static double Round(double value, int digits = 3) => Math.Round(value, digits);
}
