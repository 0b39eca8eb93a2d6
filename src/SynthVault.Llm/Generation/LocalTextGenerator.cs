using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using LLama;
using LLama.Batched;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;
using SynthVault.Core.Errors;
using SynthVault.Llm.Structured;

namespace SynthVault.Llm.Generation;

/// <summary>
/// Generates with the local model, all requests of a call decoded together by LLamaSharp's
/// <see cref="BatchedExecutor"/>: one llama.cpp batch per step holds the next token of every live sequence, so
/// the weights are read once per step for all of them. The prompt prefix the requests share (for N variations of one
/// prompt: all but its last token) is evaluated once and copied into each sequence's KV stream. Each
/// sequence has its own seeded sampler, so its text depends only on its prompt and seed, not on its batch mates.
/// </summary>
public sealed class LocalTextGenerator : ITextGenerator
{
    private readonly LocalModel model;
    private readonly LocalGeneratorOptions options;
    private readonly Dictionary<string, (SchemaNode Schema, Grammar Grammar)> grammars = new(StringComparer.Ordinal);

    public LocalTextGenerator(LocalModel model, LocalGeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        this.options = options ?? new LocalGeneratorOptions();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        var run = await RunAsync(requests, null, cancellationToken).ConfigureAwait(false);
        return run.Results;
    }

    /// <summary>Streams the text of every request as it is generated; chunks of different requests interleave.</summary>
    public async IAsyncEnumerable<GeneratedChunk> GenerateStreamingAsync(IReadOnlyList<GenerationRequest> requests, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<GeneratedChunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var run = RunAsync(requests, chunk => channel.Writer.TryWrite(chunk), cancellationToken)
            .ContinueWith(t => channel.Writer.TryComplete(t.Exception?.InnerException ?? (t.IsCanceled ? new OperationCanceledException(cancellationToken) : null)), TaskScheduler.Default);
        await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }

        await run.ConfigureAwait(false);
    }

    /// <summary>Runs the requests and returns the results with timings (for the benchmark).</summary>
    internal async Task<GenerationRun> RunAsync(IReadOnlyList<GenerationRequest> requests, Action<GeneratedChunk>? onChunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return new GenerationRun([], TimeSpan.Zero, 0, TimeSpan.Zero, 0);
        }

        var prepared = new PreparedRequest[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            prepared[i] = Prepare(requests[i]);
        }

        await model.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Off the caller's thread: the decode loop is CPU-bound and must not block a UI or the request thread.
            return await Task.Run(() => DecodeAsync(prepared, onChunk, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            model.Gate.Release();
        }
    }

    private PreparedRequest Prepare(GenerationRequest request)
    {
        request.Validate();
        var text = request.Messages is not null ? model.FormatChat(request.Messages) : request.Prompt!;
        var tokens = model.Weights.Tokenize(text, model.Weights.Vocab.ShouldAddBOS, special: true, Encoding.UTF8);
        if (tokens.Length >= model.ContextSize)
        {
            throw new SynthVaultException(
                $"the prompt is {tokens.Length} tokens, longer than the context of {model.ContextSize} tokens.",
                hint: "Shorten the prompt or load the model with a larger context.");
        }

        (SchemaNode Schema, Grammar Grammar)? grammar = null;
        if (request.JsonSchema is { } schemaJson)
        {
            lock (grammars)
            {
                if (!grammars.TryGetValue(schemaJson, out var cached))
                {
                    var schema = SchemaNode.Parse(schemaJson);
                    cached = (schema, new Grammar(JsonSchemaToGbnf.Convert(schema), "root"));
                    grammars[schemaJson] = cached;
                }

                grammar = cached;
            }
        }

        var maxTokens = Math.Min(request.MaxTokens, model.ContextSize - tokens.Length);
        return new PreparedRequest(request, tokens, maxTokens, grammar?.Schema, grammar?.Grammar);
    }

    private async Task<GenerationRun> DecodeAsync(PreparedRequest[] requests, Action<GeneratedChunk>? onChunk, CancellationToken ct)
    {
        var weights = model.Weights;
        var n = requests.Length;

        // The prefix every prompt shares, less at least one token per prompt so that each sequence is prompted with
        // its own remainder after the fork (a fork must be prompted before it can be sampled in a later step).
        var prefix = 0;
        if (n > 1)
        {
            var minLength = requests.Min(r => r.Tokens.Length);
            while (prefix < minLength - 1 && requests.All(r => r.Tokens[prefix] == requests[0].Tokens[prefix]))
            {
                prefix++;
            }
        }

        // One KV stream per sequence (llama.cpp's non-unified cache): each sequence attends over its own cells only,
        // not over the cells of all its batch mates, which on CPU cost more than the matrix work at 8 sequences.
        // Each stream holds the longest sequence; the shared prefix is decoded once and copied into every stream.
        var perSequence = requests.Max(r => r.Tokens.Length + r.MaxTokens);
        var streams = n + (prefix > 0 ? 1 : 0);
        var streamCells = (perSequence + 255) / 256 * 256;
        var contextParams = new ModelParams(model.Info.Path)
        {
            ContextSize = (uint)Math.Min(int.MaxValue, (long)streamCells * streams),
            BatchSize = (uint)Math.Max(512, n),
            UBatchSize = 512,
            SeqMax = (uint)streams,
            Threads = model.Threads,
            BatchThreads = model.Threads,
            FlashAttention = model.FlashAttention,
            KVUnified = false,
        };

        using var executor = new BatchedExecutor(weights, contextParams);
        var sequences = new Sequence[n];
        try
        {
            var promptClock = Stopwatch.StartNew();
            var promptTokens = 0;
            if (prefix > 0)
            {
                using var root = executor.Create();
                root.Prompt(requests[0].Tokens.AsSpan(0, prefix));
                promptTokens += prefix;
                await InferAsync(executor, ct).ConfigureAwait(false);
                for (var i = 0; i < n; i++)
                {
                    // Conversation.Fork copies a position range, which llama.cpp allows only inside one stream; across
                    // streams it copies whole stream buffers, so copy the root's stream and set the new end to match.
                    var conversation = executor.Create();
                    executor.Context.NativeHandle.MemorySequenceCopy(root.ConversationId, conversation.ConversationId, -1, -1);
                    conversation.Modify((_, _) => prefix);
                    sequences[i] = new Sequence(requests[i], conversation, CreateSampler(requests[i], weights), weights);
                }
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    sequences[i] = new Sequence(requests[i], executor.Create(), CreateSampler(requests[i], weights), weights);
                }
            }

            // llama.cpp keeps the logits of the last decode only, and prompts longer than one batch in all take
            // several decodes: a sequence whose prompt ended in an earlier decode would have nothing to sample from.
            // So every prompt but its last token goes first, then all last tokens together in one final decode.
            foreach (var s in sequences)
            {
                var rest = s.Request.Tokens.AsSpan(prefix);
                if (rest.Length > 1)
                {
                    s.Conversation.Prompt(rest[..^1]);
                }

                promptTokens += rest.Length;
            }

            while (executor.BatchedTokenCount > 0)
            {
                await InferAsync(executor, ct).ConfigureAwait(false);
            }

            foreach (var s in sequences)
            {
                s.Conversation.Prompt(s.Request.Tokens.AsSpan(s.Request.Tokens.Length - 1));
            }

            await InferAsync(executor, ct).ConfigureAwait(false);

            promptClock.Stop();
            var generationClock = Stopwatch.StartNew();
            var generated = 0;
            var live = n;
            while (live > 0)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < n; i++)
                {
                    var s = sequences[i];
                    if (s.Finished)
                    {
                        continue;
                    }

                    var token = s.Conversation.Sample(s.Sampler);
                    generated++;
                    if (s.Step(token, model.ContextSize, onChunk is null ? null : text => onChunk(new GeneratedChunk(i, text))))
                    {
                        live--;
                        s.Conversation.Dispose();
                    }
                    else
                    {
                        s.Conversation.Prompt(token);
                    }
                }

                if (live > 0)
                {
                    await InferAsync(executor, ct).ConfigureAwait(false);
                }
            }

            generationClock.Stop();
            var results = new GenerationResult[n];
            for (var i = 0; i < n; i++)
            {
                var s = sequences[i];
                var text = s.Text;
                IReadOnlyList<string>? errors = s.Request.Schema is { } schema ? JsonSchemaValidator.Validate(schema, text) : null;
                results[i] = new GenerationResult(text, s.Request.Tokens.Length, s.Generated, s.Finish, errors);
            }

            return new GenerationRun(results, promptClock.Elapsed, promptTokens, generationClock.Elapsed, generated);
        }
        finally
        {
            foreach (var s in sequences)
            {
                s?.Dispose();
            }
        }
    }

    private static async Task InferAsync(BatchedExecutor executor, CancellationToken ct)
    {
        var result = await executor.Infer(ct).ConfigureAwait(false);
        if (result != DecodeResult.Ok)
        {
            throw new SynthVaultException($"llama.cpp could not decode the batch ({result}); the context is too small for these requests.", hint: "Generate fewer sequences at once or lower --max-tokens.");
        }
    }

    private DefaultSamplingPipeline CreateSampler(PreparedRequest request, LLamaWeights weights)
    {
        var s = request.Request.Sampler;
        var bias = new Dictionary<LLamaToken, float>();
        if (request.Request.IgnoreEndOfGeneration)
        {
            var vocab = weights.Vocab;
            for (var t = 0; t < vocab.Count; t++)
            {
                if (((LLamaToken)t).IsEndOfGeneration(vocab))
                {
                    bias[t] = float.NegativeInfinity;
                }
            }
        }

        return new DefaultSamplingPipeline
        {
            Temperature = s.Temperature,
            TopK = s.TopK,
            TopP = s.TopP,
            MinP = s.MinP,
            TypicalP = 1f,
            RepeatPenalty = s.RepeatPenalty,
            FrequencyPenalty = s.FrequencyPenalty,
            PresencePenalty = s.PresencePenalty,
            PenaltyCount = s.PenaltyLastN,
            Seed = s.Seed,
            Grammar = request.Grammar,
            GrammarOptimization = (DefaultSamplingPipeline.GrammarOptimizationMode)options.GrammarOptimization,
            LogitBias = bias,
        };
    }

    private sealed record PreparedRequest(GenerationRequest Request, LLamaToken[] Tokens, int MaxTokens, SchemaNode? Schema, Grammar? Grammar);

    /// <summary>One sequence's decoding state: sampler, incremental UTF-8 decoder, text, stop strings.</summary>
    private sealed class Sequence(PreparedRequest request, Conversation conversation, DefaultSamplingPipeline sampler, LLamaWeights weights) : IDisposable
    {
        private readonly StreamingTokenDecoder decoder = new(Encoding.UTF8, weights);
        private readonly StringBuilder text = new();
        private readonly int holdBack = request.Request.StopStrings.Count == 0 ? 0 : request.Request.StopStrings.Max(s => s.Length) - 1;
        private int emitted;

        public PreparedRequest Request { get; } = request;

        public Conversation Conversation { get; } = conversation;

        public DefaultSamplingPipeline Sampler { get; } = sampler;

        public bool Finished { get; private set; }

        public FinishReason Finish { get; private set; }

        public int Generated { get; private set; }

        public string Text => text.ToString();

        /// <summary>Takes the sampled token; returns true when the sequence is finished.</summary>
        public bool Step(LLamaToken token, int contextSize, Action<string>? emit)
        {
            Generated++;
            if (!Request.Request.IgnoreEndOfGeneration && token.IsEndOfGeneration(weights.Vocab))
            {
                return Complete(FinishReason.EndOfGeneration, emit);
            }

            var before = text.Length;
            decoder.Add(token);
            text.Append(decoder.Read());
            if (Request.Request.StopStrings.Count > 0 && FindStop(before) is { } stop)
            {
                text.Length = stop;
                return Complete(FinishReason.StopString, emit);
            }

            if (Generated >= Request.MaxTokens || Conversation.TokenCount + 1 >= contextSize)
            {
                return Complete(FinishReason.Length, emit);
            }

            // Hold back what could still turn out to be the start of a stop string.
            if (emit is not null && text.Length - holdBack > emitted)
            {
                emit(text.ToString(emitted, text.Length - holdBack - emitted));
                emitted = text.Length - holdBack;
            }

            return false;
        }

        public void Dispose()
        {
            Sampler.Dispose();
            if (!Conversation.IsDisposed)
            {
                Conversation.Dispose();
            }
        }

        private int? FindStop(int appendedFrom)
        {
            int? first = null;
            foreach (var stop in Request.Request.StopStrings)
            {
                var from = Math.Max(0, appendedFrom - stop.Length + 1);
                var at = text.ToString(from, text.Length - from).IndexOf(stop, StringComparison.Ordinal);
                if (at >= 0 && (first is null || from + at < first))
                {
                    first = from + at;
                }
            }

            return first;
        }

        private bool Complete(FinishReason reason, Action<string>? emit)
        {
            Finished = true;
            Finish = reason;
            if (emit is not null && text.Length > emitted)
            {
                emit(text.ToString(emitted, text.Length - emitted));
                emitted = text.Length;
            }

            return true;
        }
    }
}

/// <summary>The results of one call with its timings: prompt evaluation and the token-by-token generation.</summary>
internal sealed record GenerationRun(IReadOnlyList<GenerationResult> Results, TimeSpan PromptTime, int PromptTokens, TimeSpan GenerationTime, int GeneratedTokens);
