using System.Globalization;
using System.Text;
using SynthVault.Core.Data;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Privacy;
using SynthVault.Evaluation.Reporting;
using SynthVault.Evaluation.Utility;
using SynthVault.Synthesis;
using SynthVault.Testing;

namespace SynthVault.Tui.Tests;

/// <summary>Small files the screen tests open: a customer CSV with an e-mail column, and a real evaluation report.</summary>
internal static class TuiTestFiles
{
    /// <summary>The columns of <see cref="WriteCustomers"/>, in file order.</summary>
    public static readonly string[] CustomerColumns = ["customer_id", "age", "email", "zip", "churned"];

    /// <summary>The raw e-mail of row <paramref name="i"/>: it must never appear on screen.</summary>
    public static string Email(int i) => string.Create(CultureInfo.InvariantCulture, $"customer{i:000}.private@example.com");

    /// <summary>60 rows: a unique key, an integer age, a personal e-mail, a 5-digit zip (read as integer), a yes/no label.</summary>
    public static string WriteCustomers(string folder)
    {
        var sb = new StringBuilder().AppendLine(string.Join(',', CustomerColumns));
        for (var i = 0; i < 60; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"C{1000 + i},{20 + (i * 7 % 50)},{Email(i)},{75000 + (i % 12)},{(i % 4 == 0 ? "yes" : "no")}").AppendLine();
        }

        var path = Path.Combine(folder, "customers.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>
    /// A report.json from the real <see cref="Evaluator"/>: 600 Adult training rows, 300 holdout rows, 600 rows
    /// sampled from a CART model of the training rows, with the standard privacy audit. Small so it takes seconds.
    /// </summary>
    public static string WriteReport(string folder)
    {
        var adult = TestData.Adult;
        var schema = TestData.AdultSchema;
        var train = adult.Take(Enumerable.Range(0, 600).ToArray());
        var holdout = adult.Take(Enumerable.Range(600, 300).ToArray());
        var model = Synthesizers.Create("cart", seed: 11).Fit(train, schema);
        var synthetic = model.Sample(600, null, seed: 12);
        var options = new EvaluationOptions(
            Seed: 5,
            Utility: new UtilityOptions(Iterations: 30, BootstrapResamples: 30),
            PrivacyAuditor: new StandardPrivacyAuditor());
        var report = Evaluator.Run(new EvaluationInputs(train, synthetic, schema, holdout, TrainName: "adult-train.csv", SyntheticName: "adult-synthetic.csv", HoldoutName: "adult-holdout.csv"), options);
        var path = Path.Combine(folder, "report.json");
        using (var stream = File.Create(path))
        {
            ReportWriter.WriteJson(report, stream);
        }

        return path;
    }

    /// <summary>The label column of the report's schema, for assertions.</summary>
    public static TableSchema AdultSchema => TestData.AdultSchema;
}
