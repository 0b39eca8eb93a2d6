using System.Diagnostics;
using SynthVault.Llm.Generation;

namespace SynthVault.App.Run;

/// <summary>
/// Passes requests to another generator and counts what the run's cost plan needs: calls, prompt and generated
/// tokens, and the wall time spent generating.
/// </summary>
internal sealed class MeasuringTextGenerator(ITextGenerator inner) : ITextGenerator
{
    private long calls;
    private long promptTokens;
    private long generatedTokens;
    private long ticks;

    /// <summary>Generation requests answered (one per candidate text).</summary>
    public long Calls => Interlocked.Read(ref calls);

    /// <summary>Prompt tokens over all requests.</summary>
    public long PromptTokens => Interlocked.Read(ref promptTokens);

    /// <summary>Generated tokens over all requests.</summary>
    public long GeneratedTokens => Interlocked.Read(ref generatedTokens);

    /// <summary>Seconds spent inside the wrapped generator.</summary>
    public double Seconds => TimeSpan.FromTicks(Interlocked.Read(ref ticks)).TotalSeconds;

    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var watch = Stopwatch.StartNew();
        var results = await inner.GenerateAsync(requests, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref ticks, watch.Elapsed.Ticks);
        Interlocked.Add(ref calls, results.Count);
        foreach (var r in results)
        {
            Interlocked.Add(ref promptTokens, r.PromptTokens);
            Interlocked.Add(ref generatedTokens, r.GeneratedTokens);
        }

        return results;
    }
}
