using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using SynthVault.Core.Errors;

namespace SynthVault.Llm.TextLoop;

/// <summary>
/// The files of a text run folder (layout in docs/TEXT-LOOP.md) and the two ways they are written: JSON Lines are
/// appended and flushed to disk (fsync) line by line, so a killed process leaves at most one torn last line, which
/// readers drop; whole files (state.json, samples.jsonl, run-stats.json, review files) are written to a temporary
/// file, flushed and renamed over the old one, so readers see the old or the new content, never a mix.
/// </summary>
public static class RunFolder
{
    /// <summary>Checkpoint of the loop.</summary>
    public const string State = "state.json";

    /// <summary>Every accepted candidate, append-only.</summary>
    public const string Accepted = "accepted.jsonl";

    /// <summary>Every rejected candidate with its reason, append-only.</summary>
    public const string Rejected = "rejected.jsonl";

    /// <summary>The curated output: accepted minus review rejections, edits applied.</summary>
    public const string Samples = "samples.jsonl";

    /// <summary>Hard cases of a <c>--mode hard</c> run, tagged eval-only; never training data.</summary>
    public const string HardCases = "hard-cases.jsonl";

    /// <summary>The real evaluation rows held out of the seeds (scrubbed like the seeds).</summary>
    public const string Eval = "eval.jsonl";

    /// <summary>The seed rows the loop used, i.e. the training part after the evaluation split (scrubbed).</summary>
    public const string TrainingSeeds = "seeds-train.jsonl";

    /// <summary>Measured costs for the planner (<c>SynthVault.Planner.MeasuredRunStats</c>).</summary>
    public const string RunStats = "run-stats.json";

    /// <summary>Human-readable log: dashboard lines and warnings (no texts).</summary>
    public const string Log = "run.log";

    /// <summary>The items of round <paramref name="round"/> to review.</summary>
    public static string ReviewFile(int round) => string.Create(CultureInfo.InvariantCulture, $"review-round-{round}.jsonl");

    /// <summary>The decisions on round <paramref name="round"/>'s review items.</summary>
    public static string DecisionsFile(int round) => string.Create(CultureInfo.InvariantCulture, $"review-round-{round}.decisions.jsonl");

    /// <summary>camelCase keys, enums as camelCase strings, no escaping of non-ASCII text, one object per line.</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson(indented: false);

    internal static JsonSerializerOptions IndentedJson { get; } = CreateJson(indented: true);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Appends objects as lines and flushes them to disk before returning (creating the file, even for no lines).</summary>
    internal static void Append<T>(string path, IEnumerable<T> items)
    {
        var sb = new StringBuilder();
        foreach (var item in items)
        {
            sb.Append(JsonSerializer.Serialize(item, Json)).Append('\n');
        }

        Guard(path, () =>
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(Utf8.GetBytes(sb.ToString()));
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>
    /// Reads a JSON Lines file; a missing file is empty. A torn last line (no newline: the process died while writing
    /// it) is dropped; a malformed line elsewhere is an error naming the file and line.
    /// </summary>
    internal static List<T> ReadLines<T>(string path)
    {
        var items = new List<T>();
        if (!File.Exists(path))
        {
            return items;
        }

        var text = Guard(path, () => File.ReadAllText(path, Utf8));
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var last = i == lines.Length - 1;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                items.Add(JsonSerializer.Deserialize<T>(line, Json) ?? throw new JsonException("null line"));
            }
            catch (JsonException) when (last)
            {
                // A line without its newline was being written when the process stopped: it never counted.
            }
            catch (JsonException ex)
            {
                throw new SynthVaultException($"line {i + 1} is not a valid record ({ex.Message}).", file: path, row: i + 1, hint: "The run folder was edited by hand or damaged; restore the line or start a new run folder.", inner: ex);
            }
        }

        return items;
    }

    /// <summary>Replaces a JSON Lines file with <paramref name="items"/>, atomically.</summary>
    internal static void Rewrite<T>(string path, IEnumerable<T> items)
    {
        var sb = new StringBuilder();
        foreach (var item in items)
        {
            sb.Append(JsonSerializer.Serialize(item, Json)).Append('\n');
        }

        WriteAtomic(path, sb.ToString());
    }

    /// <summary>Writes an object as indented JSON, atomically.</summary>
    internal static void WriteJson<T>(string path, T value) => WriteAtomic(path, JsonSerializer.Serialize(value, IndentedJson) + "\n");

    /// <summary>Reads an indented JSON file written by <see cref="WriteJson{T}"/>; null when it does not exist.</summary>
    internal static T? ReadJson<T>(string path)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(Guard(path, () => File.ReadAllText(path, Utf8)), Json);
        }
        catch (JsonException ex)
        {
            throw new SynthVaultException($"the file is not valid ({ex.Message}).", file: path, hint: "Restore it from the run folder's history or start a new run folder.", inner: ex);
        }
    }

    /// <summary>Writes text to a temporary file next to <paramref name="path"/>, flushes it to disk and renames it into place.</summary>
    internal static void WriteAtomic(string path, string text)
    {
        var temp = path + ".tmp";
        Guard(path, () =>
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(Utf8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        });
    }

    /// <summary>Appends one line of text (the run log), flushed.</summary>
    internal static void AppendText(string path, string line) =>
        Guard(path, () =>
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(Utf8.GetBytes(line + "\n"));
            stream.Flush(flushToDisk: true);
        });

    private static void Guard(string path, Action action) => Guard(path, () =>
    {
        action();
        return 0;
    });

    private static T Guard<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SynthVaultException($"could not access the run folder: {e.Message}", file: path, hint: "Check that the folder is writable and the disk has space.", inner: e);
        }
    }

    private static JsonSerializerOptions CreateJson(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly();
        return options;
    }
}
