using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SynthVault.Core.Errors;
using SynthVault.IO;

namespace SynthVault.App.Run;

/// <summary>An input file of a run: what it is, where it was and its hash.</summary>
/// <param name="Role">"data" or "model".</param>
/// <param name="Path">The absolute path read.</param>
/// <param name="ProjectValue">The path as the project file writes it.</param>
/// <param name="Sha256">SHA-256 of the file's bytes (lowercase hex).</param>
/// <param name="Bytes">File size.</param>
internal sealed record ManifestInput(string Role, string Path, string ProjectValue, string Sha256, long Bytes);

/// <summary>An output file of a run and how a reproduction compares it.</summary>
/// <param name="File">Relative to the run folder, forward slashes.</param>
/// <param name="Bytes">File size.</param>
/// <param name="Sha256">SHA-256 of the file's bytes.</param>
/// <param name="Verify"><see cref="RunManifest.VerifyExact"/>, <see cref="RunManifest.VerifyJsonWithoutTime"/> or <see cref="RunManifest.VerifyExcluded"/>.</param>
/// <param name="ComparableSha256">The hash a reproduction compares (the file's, or its JSON without the time key); null when excluded.</param>
/// <param name="Reason">Why the file is compared that way.</param>
internal sealed record ManifestOutput(string File, long Bytes, string Sha256, string Verify, string? ComparableSha256, string Reason);

/// <summary>One step as the manifest records it.</summary>
internal sealed record ManifestStep(string Name, RunStepOutcome Outcome, string Detail, long? Seed, double Seconds, IReadOnlyDictionary<string, object?> Options);

/// <summary>A manifest read back for <c>--reproduce</c>.</summary>
internal sealed record RecordedManifest(
    string Path,
    string RunId,
    string ProjectPath,
    string ProjectSha256,
    string ProjectCopyPath,
    IReadOnlyList<ManifestInput> Inputs,
    IReadOnlyList<ManifestStep> Steps,
    IReadOnlyList<ManifestOutput> Outputs)
{
    /// <summary>The seed recorded for a step, if it drew one.</summary>
    public long? SeedOf(string step) => Steps.FirstOrDefault(s => s.Name == step)?.Seed;

    /// <summary>The outcome recorded for a step; null when the run had no such step.</summary>
    public RunStepOutcome? OutcomeOf(string step) => Steps.FirstOrDefault(s => s.Name == step)?.Outcome;
}

/// <summary>
/// <c>manifest.json</c>: what a run was (tool, runtime, project, input hashes, steps with options and seeds, timings)
/// and what it wrote (the hash of every output file and how a reproduction compares it). Keys are documented in
/// docs/RUN.md; the writer emits them in a fixed order so two manifests diff cleanly.
/// </summary>
internal static class RunManifest
{
    /// <summary>The manifest's file name inside a run folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The copy of the project file inside a run folder.</summary>
    public const string ProjectCopyName = "project.json";

    /// <summary>Bumped when a key changes meaning or disappears.</summary>
    public const int Version = 1;

    /// <summary>The file must hash the same byte for byte.</summary>
    public const string VerifyExact = "exact";

    /// <summary>The JSON must hash the same once its time stamp (<c>metadata.generatedAtUtc</c>) is removed.</summary>
    public const string VerifyJsonWithoutTime = "json-without-time";

    /// <summary>Not compared; the reason says why.</summary>
    public const string VerifyExcluded = "excluded";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The tool's version as built (informational version, with the commit when the build knows it).</summary>
    public static string ToolVersion { get; } =
        typeof(RunManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunManifest).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>SHA-256 of a file's bytes, lowercase hex.</summary>
    public static string Sha256File(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>SHA-256 of bytes, lowercase hex.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// The hash a reproduction compares for a JSON report: the document with <c>metadata.generatedAtUtc</c> removed and
    /// written compactly, so only the time the report was made may differ.
    /// </summary>
    public static string Sha256JsonWithoutTime(string path)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(path));
        if (node?["metadata"] is JsonObject metadata)
        {
            metadata.Remove("generatedAtUtc");
        }

        return Sha256(Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"));
    }

    /// <summary>Describes every output file of a finished run folder (manifest.json itself excepted), sorted by path.</summary>
    public static IReadOnlyList<ManifestOutput> DescribeOutputs(string runFolder, bool textRan)
    {
        var outputs = new List<ManifestOutput>();
        foreach (var full in Directory.EnumerateFiles(runFolder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(runFolder, full).Replace('\\', '/');
            if (relative == FileName)
            {
                continue;
            }

            var sha = Sha256File(full);
            var (verify, reason) = Classify(relative, textRan);
            var comparable = verify switch
            {
                VerifyExact => sha,
                VerifyJsonWithoutTime => Sha256JsonWithoutTime(full),
                _ => null,
            };
            outputs.Add(new ManifestOutput(relative, new FileInfo(full).Length, sha, verify, comparable, reason));
        }

        outputs.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
        return outputs;
    }

    /// <summary>How a reproduction compares a file, and why (docs/RUN.md lists the same rules).</summary>
    internal static (string Verify, string Reason) Classify(string relative, bool textRan)
    {
        if (relative.StartsWith("text/", StringComparison.Ordinal))
        {
            return (VerifyExcluded, "written by the LLM text step: llama.cpp decoding is seeded, but not promised bit-identical across CPU builds and thread counts, and the text report carries its time");
        }

        if (relative.StartsWith("cost-plan.", StringComparison.Ordinal))
        {
            return (VerifyExcluded, "holds speeds measured during the run (rows per second), which vary from run to run");
        }

        if (relative == "report.html")
        {
            return (VerifyExcluded, "shows the time the report was made; report.json holds the same figures and is compared");
        }

        if (relative == "text-check/report.html")
        {
            return (VerifyExcluded, "shows the time the report was made; text-check/report.json holds the same figures");
        }

        if (textRan && relative.StartsWith("text-check/", StringComparison.Ordinal))
        {
            return (VerifyExcluded, "scores a classifier trained on the texts the LLM text step wrote (see text/)");
        }

        if (relative is "report.json" or "text-check/report.json")
        {
            return (VerifyJsonWithoutTime, "compared without metadata.generatedAtUtc, the time the report was made");
        }

        if (textRan && relative.StartsWith("synthetic.", StringComparison.Ordinal))
        {
            return (VerifyExcluded, "its text column was written by the LLM text step (see text/)");
        }

        return (VerifyExact, "deterministic: the same project, inputs and seeds give the same bytes");
    }

    /// <summary>Writes manifest.json into the run folder (atomically).</summary>
    public static string Write(
        string runFolder,
        string runId,
        DateTimeOffset startedAtUtc,
        double seconds,
        string projectPath,
        string projectSha256,
        IReadOnlyList<ManifestInput> inputs,
        IReadOnlyList<ManifestStep> steps,
        IReadOnlyList<ManifestOutput> outputs,
        IReadOnlyList<string> notes,
        RunVerification? verification)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("manifestVersion", Version);
            w.WriteStartObject("tool");
            w.WriteString("name", "SynthVault");
            w.WriteString("version", ToolVersion);
            w.WriteEndObject();
            w.WriteStartObject("runtime");
            w.WriteString("dotnet", RuntimeInformation.FrameworkDescription);
            w.WriteString("os", RuntimeInformation.OSDescription);
            w.WriteString("osArchitecture", RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant());
            w.WriteString("processArchitecture", RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant());
            w.WriteNumber("processorCount", Environment.ProcessorCount);
            w.WriteEndObject();
            w.WriteStartObject("run");
            w.WriteString("id", runId);
            w.WriteString("startedAtUtc", startedAtUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteNumber("seconds", Math.Round(seconds, 3));
            w.WriteEndObject();
            w.WriteStartObject("project");
            w.WriteString("path", projectPath);
            w.WriteString("sha256", projectSha256);
            w.WriteString("copy", ProjectCopyName);
            w.WriteEndObject();

            w.WriteStartArray("inputs");
            foreach (var input in inputs)
            {
                w.WriteStartObject();
                w.WriteString("role", input.Role);
                w.WriteString("path", input.Path);
                w.WriteString("projectValue", input.ProjectValue);
                w.WriteString("sha256", input.Sha256);
                w.WriteNumber("bytes", input.Bytes);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("steps");
            foreach (var step in steps)
            {
                w.WriteStartObject();
                w.WriteString("name", step.Name);
                w.WriteString("outcome", step.Outcome == RunStepOutcome.Done ? "done" : "skipped");
                w.WriteString("detail", step.Detail);
                if (step.Seed is { } seed)
                {
                    w.WriteNumber("seed", seed);
                }
                else
                {
                    w.WriteNull("seed");
                }

                w.WriteNumber("seconds", Math.Round(step.Seconds, 3));
                w.WritePropertyName("options");
                JsonSerializer.Serialize(w, step.Options);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("outputs");
            foreach (var output in outputs)
            {
                w.WriteStartObject();
                w.WriteString("file", output.File);
                w.WriteNumber("bytes", output.Bytes);
                w.WriteString("sha256", output.Sha256);
                w.WriteString("verify", output.Verify);
                w.WriteString("comparableSha256", output.ComparableSha256);
                w.WriteString("reason", output.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("notes");
            foreach (var note in notes)
            {
                w.WriteStringValue(note);
            }

            w.WriteEndArray();

            if (verification is null)
            {
                w.WriteNull("reproduces");
            }
            else
            {
                w.WriteStartObject("reproduces");
                w.WriteString("manifest", verification.ManifestPath);
                w.WriteBoolean("allMatch", verification.AllMatch);
                w.WriteStartArray("mismatches");
                foreach (var check in verification.Checked.Where(c => !c.Matches))
                {
                    w.WriteStringValue(check.File);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        var path = Path.Combine(runFolder, FileName);
        AtomicFile.WriteAllBytes(path, stream.ToArray());
        return path;
    }

    /// <summary>Reads a manifest for <c>--reproduce</c>; every problem names the file and the key.</summary>
    public static RecordedManifest Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new SynthVaultException("does not exist.", path, hint: "Pass the manifest.json of an earlier run folder (<output>/runs/<id>/manifest.json).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new SynthVaultException("is not valid JSON, so it is not a SynthVault run manifest.", path, inner: ex);
        }

        using (document)
        {
            try
            {
                var root = document.RootElement;
                var version = root.GetProperty("manifestVersion").GetInt32();
                if (version != Version)
                {
                    throw Bad(path, "manifestVersion", string.Create(CultureInfo.InvariantCulture, $"is {version}; this build reads version {Version}"));
                }

                var project = root.GetProperty("project");
                var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
                var inputs = root.GetProperty("inputs").EnumerateArray().Select(i => new ManifestInput(
                    Text(i, "role"), Text(i, "path"), Text(i, "projectValue"), Text(i, "sha256"), i.GetProperty("bytes").GetInt64())).ToList();
                var steps = root.GetProperty("steps").EnumerateArray().Select(s => new ManifestStep(
                    Text(s, "name"),
                    Text(s, "outcome") == "done" ? RunStepOutcome.Done : RunStepOutcome.Skipped,
                    Text(s, "detail"),
                    s.GetProperty("seed").ValueKind == JsonValueKind.Null ? null : s.GetProperty("seed").GetInt64(),
                    s.GetProperty("seconds").GetDouble(),
                    new Dictionary<string, object?>())).ToList();
                var outputs = root.GetProperty("outputs").EnumerateArray().Select(o => new ManifestOutput(
                    Text(o, "file"),
                    o.GetProperty("bytes").GetInt64(),
                    Text(o, "sha256"),
                    Text(o, "verify"),
                    o.GetProperty("comparableSha256").ValueKind == JsonValueKind.Null ? null : o.GetProperty("comparableSha256").GetString(),
                    Text(o, "reason"))).ToList();
                return new RecordedManifest(
                    Path.GetFullPath(path),
                    Text(root.GetProperty("run"), "id"),
                    Text(project, "path"),
                    Text(project, "sha256"),
                    Path.Combine(folder, Text(project, "copy")),
                    inputs,
                    steps,
                    outputs);
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new SynthVaultException($"is not a complete SynthVault run manifest ({ex.Message}).", path, hint: "Pass the manifest.json that 'synthvault run' wrote, unchanged.", inner: ex);
            }
        }
    }

    private static string Text(JsonElement element, string key) =>
        element.GetProperty(key).GetString() ?? throw new FormatException($"\"{key}\" is null");

    private static SynthVaultException Bad(string path, string key, string problem) =>
        new($"\"{key}\" {problem}.", path, hint: "Pass the manifest.json that 'synthvault run' wrote, unchanged.");
}
