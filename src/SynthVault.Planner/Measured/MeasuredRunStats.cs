using System.Globalization;
using System.Text;
using SynthVault.Core.Errors;

namespace SynthVault.Planner;

/// <summary>
/// What a text generation run measured, written by the text loop as <c>run-stats.json</c> in its run folder and read
/// by the planner so a plan uses the user's own numbers. The JSON shape (version 1; extra keys are ignored):
/// <code>
/// {
///   "schemaVersion": 1,            // optional; 1
///   "acceptanceRate": 0.42,        // accepted ÷ candidates generated, in (0, 1]
///   "samplesPerCall": 4.0,         // mean candidates returned per generation call, ≥ 1
///   "promptTokensPerCall": 812.5,  // mean prompt tokens per generation call
///   "outputTokensPerSample": 96.2, // mean output tokens per candidate
///   "reviewSecondsPerItem": 21.4,  // mean seconds a reviewer spent per reviewed item; null when nobody reviewed
///   "reviewFraction": 0.1,         // reviewed items ÷ accepted items, in [0, 1]
///   "rounds": 1.0                  // mean generate→critique passes per kept sample, ≥ 1 (1 = no revision)
/// }
/// </code>
/// </summary>
public sealed record MeasuredRunStats(
    double AcceptanceRate,
    double SamplesPerCall,
    double PromptTokensPerCall,
    double OutputTokensPerSample,
    double? ReviewSecondsPerItem,
    double ReviewFraction,
    double Rounds)
{
    /// <summary>The file name inside a run folder.</summary>
    public const string FileName = "run-stats.json";

    /// <summary>Reads <c>run-stats.json</c> from a run folder, or the file itself when given a file.</summary>
    /// <exception cref="SynthVaultException">Missing file, bad JSON, a missing key or a value out of range (names the key and file).</exception>
    public static MeasuredRunStats Read(string runFolderOrFile)
    {
        ArgumentNullException.ThrowIfNull(runFolderOrFile);
        var path = Directory.Exists(runFolderOrFile) ? Path.Combine(runFolderOrFile, FileName) : runFolderOrFile;
        const string what = "the run stats";
        using var document = MeasuredJson.Load(path, what, "A text generation run writes run-stats.json into its run folder; pass that folder with --from-run.");
        var root = document.RootElement;
        MeasuredJson.CheckSchemaVersion(root, path);
        double Required(string key) => MeasuredJson.CheckedAs(key, MeasuredJson.RequiredNumber(root, key, path, what), path);

        var stats = new MeasuredRunStats(
            Required("acceptanceRate"),
            Required("samplesPerCall"),
            Required("promptTokensPerCall"),
            Required("outputTokensPerSample"),
            MeasuredJson.OptionalNumber(root, "reviewSecondsPerItem", path) is { } seconds ? MeasuredJson.CheckedAs("reviewSecondsPerItem", seconds, path) : null,
            Required("reviewFraction"),
            Required("rounds"));
        if (stats.ReviewFraction > 0 && stats.ReviewSecondsPerItem is null)
        {
            throw new SynthVaultException("\"reviewFraction\" is above 0 but \"reviewSecondsPerItem\" is missing: a run that reviewed items must say how long review took.", file: path);
        }

        return stats;
    }

    /// <summary>The JSON the text loop writes (keys as documented on this type).</summary>
    public string ToJson()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("{\n  \"schemaVersion\": 1,\n");
        sb.Append(inv, $"  \"acceptanceRate\": {AcceptanceRate:R},\n");
        sb.Append(inv, $"  \"samplesPerCall\": {SamplesPerCall:R},\n");
        sb.Append(inv, $"  \"promptTokensPerCall\": {PromptTokensPerCall:R},\n");
        sb.Append(inv, $"  \"outputTokensPerSample\": {OutputTokensPerSample:R},\n");
        sb.Append("  \"reviewSecondsPerItem\": ").Append(ReviewSecondsPerItem is { } s ? s.ToString("R", inv) : "null").Append(",\n");
        sb.Append(inv, $"  \"reviewFraction\": {ReviewFraction:R},\n");
        sb.Append(inv, $"  \"rounds\": {Rounds:R}\n}}\n");
        return sb.ToString();
    }
}
