using SynthVault.Core.Progress;
using SynthVault.Evaluation.Reporting;

namespace SynthVault.Evaluation.Privacy;

/// <summary>The report's privacy section from <see cref="PrivacyEvaluator"/>, per class of the report's label.</summary>
/// <param name="options">Privacy settings; the label and seed of each request override the ones here.</param>
public sealed class StandardPrivacyAuditor(PrivacyOptions? options = null) : IPrivacyAuditor
{
    /// <inheritdoc/>
    public PrivacySection Audit(PrivacyAuditRequest request, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var effective = (options ?? new PrivacyOptions()) with { LabelColumn = request.Label, Seed = request.Seed };
        return PrivacyEvaluator.Evaluate(request.Train, request.Holdout, request.Synthetic, request.Schema, effective, progress, ct);
    }
}
