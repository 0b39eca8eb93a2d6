using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Privacy;

namespace SynthVault.Evaluation.Reporting;

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as report.json (camelCase keys documented in REPORT.md; NaN written as
/// null) and as a self-contained report.html.
/// </summary>
public static class ReportWriter
{
    /// <summary>The serializer settings of report.json, for readers that want to load it back.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    /// <summary>Writes report.json to <paramref name="output"/> (UTF-8, indented).</summary>
    public static void WriteJson(EvaluationReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        JsonSerializer.Serialize(output, report, JsonOptions);
    }

    /// <summary>
    /// Writes report.html to <paramref name="output"/>: verdicts, tables and charts (marginals, correlation heatmaps,
    /// PR curves, DCR histograms) as inline PNGs. <paramref name="real"/> is the training table the report compared.
    /// </summary>
    public static void WriteHtml(EvaluationReport report, Table real, Table synthetic, TableSchema schema, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var html = HtmlReport.Render(report, real, synthetic, schema);
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(html);
        output.Write(bytes);
    }

    /// <summary>
    /// Writes report.json and report.html into <paramref name="directory"/>, each through a temporary file renamed
    /// into place, so a failed run never leaves a half-written report. Returns the two paths.
    /// </summary>
    public static (string JsonPath, string HtmlPath) WriteFiles(EvaluationReport report, Table real, Table synthetic, TableSchema schema, string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SynthVaultException($"Cannot create the report folder: {e.Message}", file: directory, hint: "Choose a folder you can write to.", inner: e);
        }

        var json = Path.Combine(directory, "report.json");
        var html = Path.Combine(directory, "report.html");
        Atomic(json, s => WriteJson(report, s));
        Atomic(html, s => WriteHtml(report, real, synthetic, schema, s));
        return (json, html);
    }

    private static void Atomic(string path, Action<Stream> write)
    {
        var temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new SynthVaultException($"Cannot write the report: {e.Message}", file: path, hint: "Check the folder's permissions and free space.", inner: e);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(DropRawDistances);
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            TypeInfoResolver = resolver,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new NaNAsNullConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// The per-row DCR lists of the privacy metrics hold one number per synthetic row: they feed the HTML histograms
    /// but would swell report.json to megabytes, so the JSON keeps only the summary metrics.
    /// </summary>
    private static void DropRawDistances(JsonTypeInfo info)
    {
        if (info.Type != typeof(PrivacyMetrics))
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var name = info.Properties[i].Name;
            if (name is "dcrSyntheticToTrain" or "dcrSyntheticToHoldout")
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
