using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using SynthVault.Core.Errors;
using SynthVault.Llm;
using SynthVault.Llm.Benchmarking;
using SynthVault.Llm.Generation;
using SynthVault.Llm.Structured;

namespace SynthVault.Cli.Commands;

/// <summary>
/// <c>synthvault llm</c>: the local model runtime. <c>list</c> shows the GGUF models in models/, <c>info</c> a model's
/// metadata and the llama.cpp CPU build that loaded, <c>generate</c> text or schema-valid JSON, <c>bench</c> tokens/s
/// (its <c>--json</c> output feeds <c>synthvault cost --bench</c>).
/// </summary>
internal static class LlmCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext context)
    {
        var command = new Command("llm", "Local LLM runtime (llama.cpp through LLamaSharp, CPU): list, info, generate, bench.");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Info(context));
        command.Subcommands.Add(Generate(context));
        command.Subcommands.Add(Bench(context));
        return command;
    }

    private static Option<string> ModelsOption() => new("--models")
    {
        Description = "Folder of GGUF models (default: models/ in the current folder, or $SYNTHVAULT_MODELS).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SYNTHVAULT_MODELS") is { Length: > 0 } env ? env : "models",
    };

    private static Option<int?> ThreadsOption() => new("--threads") { Description = "CPU threads (default: every core)." };

    private static Command List(CliContext context)
    {
        var models = ModelsOption();
        var command = new Command("list", "List the GGUF models in the models folder.") { models };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(models)!;
            if (!Directory.Exists(folder))
            {
                throw new SynthVaultException("the models folder does not exist.", file: folder, hint: "Create it and copy .gguf files into it (see models/README.md).");
            }

            var files = Directory.GetFiles(folder, "*.gguf", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                context.Out.WriteLine($"No .gguf models in {folder}. See models/README.md for small instruct models to download.");
                return 0;
            }

            var table = new Table().AddColumns("model", "size", "architecture", "parameters", "quantization", "context");
            foreach (var file in files)
            {
                try
                {
                    var info = GgufFile.Read(file);
                    table.AddRow(Markup.Escape(Path.GetFileName(file)), MemorySize(info.FileSizeBytes), Markup.Escape(info.Architecture), Parameters(info.ParameterCount), info.Quantization, info.ContextLength?.ToString(Inv) ?? "?");
                }
                catch (SynthVaultException ex)
                {
                    table.AddRow(Markup.Escape(Path.GetFileName(file)), MemorySize(new FileInfo(file).Length), "[red]invalid[/]", Markup.Escape(ex.Problem), string.Empty, string.Empty);
                }
            }

            context.Console.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Info(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A .gguf file, or the name of one in the models folder." };
        var models = ModelsOption();
        var json = new Option<bool>("--json") { Description = "Print only JSON." };
        var command = new Command("info", "Show a model's metadata and which llama.cpp CPU build loads it.") { model, models, json };
        command.SetAction(parse =>
        {
            var path = Resolve(parse.GetValue(model)!, parse.GetValue(models)!);
            using var loaded = LocalModel.Load(path, new LocalModelOptions { NativeLogger = NativeLogger(context) });
            var info = loaded.Info;
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(
                    new
                {
                    model = Path.GetFileName(path),
                    name = info.Name,
                    architecture = info.Architecture,
                    parameterCount = info.ParameterCount,
                    quantization = info.Quantization,
                    contextLength = info.ContextLength,
                    fileSizeBytes = info.FileSizeBytes,
                    ggufVersion = info.Version,
                    vocabularySize = loaded.VocabularySize,
                    chatTemplate = info.ChatTemplate,
                    backend = loaded.LoadedBackend,
                    threads = loaded.Threads,
                },
                    RelaxedJson));
                return 0;
            }

            var table = new Table().AddColumns("property", "value").HideHeaders();
            table.AddRow("file", Markup.Escape(path));
            table.AddRow("name", Markup.Escape(info.Name ?? "-"));
            table.AddRow("architecture", Markup.Escape(info.Architecture));
            table.AddRow("parameters", Parameters(info.ParameterCount));
            table.AddRow("quantization", info.Quantization);
            table.AddRow("context length", info.ContextLength?.ToString(Inv) ?? "?");
            table.AddRow("file size", MemorySize(info.FileSizeBytes));
            table.AddRow("vocabulary", loaded.VocabularySize.ToString(Inv));
            table.AddRow("chat template", info.ChatTemplate is null ? "none (plain Role: text prompts)" : "yes (" + info.ChatTemplate.Length.ToString(Inv) + " characters)");
            table.AddRow("llama.cpp CPU build", loaded.LoadedBackend);
            table.AddRow("threads", loaded.Threads.ToString(Inv));
            context.Console.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Generate(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A .gguf file, or the name of one in the models folder." };
        var models = ModelsOption();
        var prompt = new Option<string>("--prompt") { Description = "The user message (the model's chat template is applied).", Required = true };
        var system = new Option<string?>("--system") { Description = "An optional system message." };
        var schema = new Option<string?>("--schema") { Description = "A JSON Schema file: the output is constrained to it and stdout holds only the JSON documents, one per line." };
        var seed = new Option<uint>("--seed") { Description = "Seed of the first sequence; sequence i uses seed + i.", DefaultValueFactory = _ => 42 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens per output.", DefaultValueFactory = _ => 256 };
        var n = new Option<int>("--n") { Description = "Number of outputs, decoded together in one batch.", DefaultValueFactory = _ => 1 };
        var defaults = new SamplerOptions();
        var temperature = new Option<float>("--temperature") { DefaultValueFactory = _ => defaults.Temperature, Description = "Sampling temperature (0 = greedy)." };
        var topK = new Option<int>("--top-k") { DefaultValueFactory = _ => defaults.TopK, Description = "Top-k (0 = off)." };
        var topP = new Option<float>("--top-p") { DefaultValueFactory = _ => defaults.TopP, Description = "Top-p (1 = off)." };
        var minP = new Option<float>("--min-p") { DefaultValueFactory = _ => defaults.MinP, Description = "Min-p (0 = off)." };
        var repeat = new Option<float>("--repeat-penalty") { DefaultValueFactory = _ => defaults.RepeatPenalty, Description = "Repetition penalty (1 = off)." };
        var stop = new Option<string[]>("--stop") { Description = "Stop string (repeatable).", DefaultValueFactory = _ => [] };
        var threads = ThreadsOption();
        var command = new Command("generate", "Generate text (or schema-valid JSON) with a local model.")
        {
            model, models, prompt, system, schema, seed, maxTokens, n, temperature, topK, topP, minP, repeat, stop, threads,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Every option is checked before the model loads, so a mistake costs nothing.
            var count = parse.GetValue(n);
            if (count < 1)
            {
                throw new SynthVaultException(string.Create(Inv, $"--n must be at least 1, got {count}."));
            }

            var max = parse.GetValue(maxTokens);
            if (max < 1)
            {
                throw new SynthVaultException(string.Create(Inv, $"--max-tokens must be at least 1, got {max}."));
            }

            string? schemaJson = null;
            if (parse.GetValue(schema) is { } schemaFile)
            {
                if (!File.Exists(schemaFile))
                {
                    throw new SynthVaultException("the schema file does not exist.", file: schemaFile);
                }

                schemaJson = File.ReadAllText(schemaFile);
                try
                {
                    JsonSchemaToGbnf.Convert(schemaJson);
                }
                catch (SynthVaultException ex)
                {
                    throw ex.WithFile(schemaFile);
                }
            }

            var sampler = new SamplerOptions
            {
                Temperature = parse.GetValue(temperature),
                TopK = parse.GetValue(topK),
                TopP = parse.GetValue(topP),
                MinP = parse.GetValue(minP),
                RepeatPenalty = parse.GetValue(repeat),
            };
            sampler.Validate();
            var messages = new List<Microsoft.Extensions.AI.ChatMessage>();
            if (parse.GetValue(system) is { Length: > 0 } systemText)
            {
                messages.Add(new(Microsoft.Extensions.AI.ChatRole.System, systemText));
            }

            messages.Add(new(Microsoft.Extensions.AI.ChatRole.User, parse.GetValue(prompt)!));
            var firstSeed = parse.GetValue(seed);
            var requests = Enumerable.Range(0, count).Select(i => new GenerationRequest
            {
                Messages = messages,
                Sampler = sampler with { Seed = unchecked(firstSeed + (uint)i) },
                MaxTokens = max,
                StopStrings = parse.GetValue(stop)!,
                JsonSchema = schemaJson,
            }).ToArray();
            foreach (var r in requests)
            {
                r.Validate();
            }

            var path = Resolve(parse.GetValue(model)!, parse.GetValue(models)!);
            using var loaded = LocalModel.Load(path, new LocalModelOptions { Threads = parse.GetValue(threads), NativeLogger = NativeLogger(context) });
            var results = await new LocalTextGenerator(loaded).GenerateAsync(requests, cancellationToken).ConfigureAwait(false);
            if (schemaJson is not null)
            {
                var invalid = results.Select((r, i) => (r, i)).Where(p => !p.r.IsValidJson).ToArray();
                if (invalid.Length > 0)
                {
                    var (first, index) = invalid[0];
                    throw new SynthVaultException(
                        string.Create(Inv, $"{invalid.Length} of {results.Count} outputs do not satisfy the schema (output {index + 1}: {first.SchemaErrors![0]})."),
                        hint: first.Finish == FinishReason.Length ? "The output was cut at --max-tokens; raise it." : null);
                }

                // The grammar writes compact JSON on one line (control characters only as escapes): one document per line.
                foreach (var r in results)
                {
                    context.Out.WriteLine(r.Text);
                }

                return 0;
            }

            for (var i = 0; i < results.Count; i++)
            {
                if (results.Count > 1)
                {
                    context.Out.WriteLine(string.Create(Inv, $"--- {i + 1} (seed {requests[i].Sampler.Seed}) ---"));
                }

                context.Out.WriteLine(results[i].Text);
            }

            return 0;
        });
        return command;
    }

    private static Command Bench(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A .gguf file, or the name of one in the models folder." };
        var models = ModelsOption();
        var json = new Option<bool>("--json") { Description = "Print only the JSON result (input of 'synthvault cost --bench')." };
        var repeats = new Option<int>("--repeats") { Description = "Interleaved repeats; medians are reported.", DefaultValueFactory = _ => 3 };
        var tokens = new Option<int>("--tokens") { Description = "Prompt and generated tokens per run (llama-bench's pp/tg size).", DefaultValueFactory = _ => 128 };
        var threads = ThreadsOption();
        var command = new Command("bench", "Measure prompt and generation tokens/s: one sequence, 8 batched, grammar on and off.") { model, models, json, repeats, tokens, threads };
        command.SetAction((parse, cancellationToken) =>
        {
            var r = parse.GetValue(repeats);
            if (r < 1)
            {
                throw new SynthVaultException(string.Create(Inv, $"--repeats must be at least 1, got {r}."));
            }

            var t = parse.GetValue(tokens);
            if (t < 2)
            {
                throw new SynthVaultException(string.Create(Inv, $"--tokens must be at least 2, got {t}."));
            }

            var path = Resolve(parse.GetValue(model)!, parse.GetValue(models)!);
            using var loaded = LocalModel.Load(path, new LocalModelOptions { Threads = parse.GetValue(threads), NativeLogger = NativeLogger(context) });
            var result = context.WithProgress("llm bench", progress =>
                LlmBenchmark.Run(loaded, new BenchOptions { Repeats = r, PromptTokens = t, GenerationTokens = t }, progress, cancellationToken));
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(result.ToJson());
                return Task.FromResult(0);
            }

            var table = new Table().AddColumns("measure", "tokens/s");
            table.AddRow("prompt processing", Rate(result.PromptTokensPerSecond));
            table.AddRow("generation, 1 sequence", Rate(result.GenerationTokensPerSecond));
            table.AddRow(string.Create(Inv, $"generation, {result.BatchSequences} batched"), Rate(result.Batched8TokensPerSecond) + string.Create(Inv, $" ({result.BatchedSpeedup:F2}x)"));
            foreach (var (mode, rate) in result.GrammarTokensPerSecondByMode)
            {
                table.AddRow("generation, JSON grammar (" + mode + ")", Rate(rate) + string.Create(Inv, $" ({rate / result.GenerationTokensPerSecond:F2}x)"));
            }

            context.Console.WriteLine(string.Create(Inv, $"{result.Model}: {result.Quantization}, {Parameters(result.ParameterCount)} parameters, llama.cpp {result.Backend} build, {result.Threads} threads, medians of {result.Repeats}"));
            context.Console.Write(table);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>A path as given, or a name in the models folder (with or without .gguf).</summary>
    private static string Resolve(string model, string modelsFolder)
    {
        if (File.Exists(model) || Path.IsPathRooted(model) || model.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return model;
        }

        foreach (var candidate in new[] { Path.Combine(modelsFolder, model), Path.Combine(modelsFolder, model + ".gguf") })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return model;
    }

    private static ErrorLogger? NativeLogger(CliContext context) => context.Verbose ? new ErrorLogger(context.Error) : null;

    private static string Rate(double value) => value.ToString("F1", Inv);

    private static string MemorySize(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("F2", Inv) + " GB"
        : (bytes / (double)(1L << 20)).ToString("F1", Inv) + " MB";

    private static string Parameters(long count) => count >= 1_000_000_000
        ? (count / 1e9).ToString("F2", Inv) + " B"
        : count >= 1_000_000 ? (count / 1e6).ToString("F1", Inv) + " M" : (count / 1e3).ToString("F1", Inv) + " k";

    /// <summary>With --verbose, llama.cpp's log lines go to stderr.</summary>
    private sealed class ErrorLogger(TextWriter error) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            lock (error)
            {
                error.WriteLine(formatter(state, exception));
            }
        }
    }
}
