using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Cart;
using SynthVault.Synthesis.Copula;

namespace SynthVault.Synthesis;

/// <summary>A synthesis method: learns a model of a table that can then sample any number of synthetic rows.</summary>
public interface ISynthesizer
{
    /// <summary>The method's short name as the CLI spells it ("copula", "cart").</summary>
    string Method { get; }

    /// <summary>
    /// Learns the columns the schema allows to be learned (policy Synthesize, no PII, not identifiers, not free
    /// text). Columns with other policies are never read, except the character-class shape of identifiers and
    /// unclassified PII. Bad input (no rows, a schema that does not match the table, a numeric kind on text)
    /// gives a <see cref="SynthVaultException"/>.
    /// </summary>
    ISynthesizerModel Fit(Table data, TableSchema schema, IProgress<ProgressUpdate>? progress = null, CancellationToken ct = default);
}

/// <summary>A fitted model: fit once, sample many times, save with <see cref="ModelFile"/>.</summary>
public interface ISynthesizerModel
{
    /// <summary>The schema the model was fitted with; output columns follow it (Drop-policy columns left out).</summary>
    TableSchema Schema { get; }

    /// <summary>Where the model came from: method, options, seed, training-data hash, library version.</summary>
    ModelProvenance Provenance { get; }

    /// <summary>
    /// Exactly <paramref name="rows"/> synthetic rows meeting every condition, in schema column order with the
    /// schema's storage types. The same model, rows, conditions and seed give byte-identical output whatever
    /// the number of threads. 0 rows gives an empty table; a negative count or an impossible condition gives a
    /// <see cref="SynthVaultException"/>.
    /// </summary>
    Table Sample(int rows, SampleConditions? conditions, long seed, IProgress<ProgressUpdate>? progress = null, CancellationToken ct = default);
}

/// <summary>
/// Where a model came from. Nothing here depends on the clock, so fitting twice gives the same provenance
/// (the model file's modification time tells when it was written).
/// </summary>
/// <param name="Method">"copula" or "cart".</param>
/// <param name="OptionsJson">The options the model was fitted with, as JSON.</param>
/// <param name="FitSeed">The seed of the fit.</param>
/// <param name="TrainingDataSha256">SHA-256 (hex) of the training table's content, see <see cref="TrainingDataHash"/>.</param>
/// <param name="TrainingRows">Rows in the training table.</param>
/// <param name="LibraryVersion">Version of SynthVault.Synthesis that fitted the model.</param>
public sealed record ModelProvenance(string Method, string OptionsJson, long FitSeed, string TrainingDataSha256, int TrainingRows, string LibraryVersion);

/// <summary>Creates synthesizers by method name, for the CLI and the rebalancer.</summary>
public static class Synthesizers
{
    /// <summary>The method names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Methods { get; } = [GaussianCopulaSynthesizer.MethodName, CartSynthesizer.MethodName];

    /// <summary>
    /// A synthesizer with default options, the given fit seed and thread limit (−1 = all cores; output does
    /// not depend on it). Unknown methods give a <see cref="SynthVaultException"/> listing the known ones.
    /// </summary>
    public static ISynthesizer Create(string method, long seed, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Trim().ToUpperInvariant() switch
        {
            "COPULA" or "GAUSSIAN-COPULA" or "GAUSSIANCOPULA" => new GaussianCopulaSynthesizer(new CopulaOptions { Seed = seed, MaxDegreeOfParallelism = maxDegreeOfParallelism }),
            "CART" => new CartSynthesizer(new CartOptions { Seed = seed, MaxDegreeOfParallelism = maxDegreeOfParallelism }),
            _ => throw new SynthVaultException($"'{method}' is not a synthesis method.", hint: $"Use one of: {string.Join(", ", Methods)}."),
        };
    }

    /// <summary>The library version recorded in provenance and model files (major.minor.patch).</summary>
    public static string LibraryVersion { get; } = typeof(Synthesizers).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
