namespace SynthVault.Evaluation.Text;

/// <summary>
/// Numbers the text loop already measured (or <c>text eval</c> measured the same way), shown side by side with the
/// seed baseline: the synthetic set and the seeds at the same number of texts, and copies of the seeds.
/// </summary>
/// <param name="Output">Diversity of the synthetic texts, measured at <see cref="DiversitySnapshot.Count"/> texts.</param>
/// <param name="Seeds">Diversity of the seeds at the same number of texts.</param>
/// <param name="Memorization">Copies of seed texts in the synthetic set.</param>
public sealed record TextLoopNumbers(DiversitySnapshot? Output, DiversitySnapshot? Seeds, MemorizationResult? Memorization);

/// <summary>Where a text evaluation report comes from. File names only (no folders), never contents.</summary>
/// <param name="Tool">Always "SynthVault".</param>
/// <param name="ToolVersion">Version of SynthVault.Evaluation.</param>
/// <param name="ReportVersion">Version of the key layout (<see cref="TextEvalReport.CurrentReportVersion"/>).</param>
/// <param name="GeneratedAtUtc">When the report was written.</param>
/// <param name="Seed">Seed of the classifiers, the bootstrap and the samples.</param>
/// <param name="Seeds">The seed file's name.</param>
/// <param name="Synthetic">The synthetic file's name; null when none was given.</param>
/// <param name="Eval">The eval file's name.</param>
public sealed record TextEvalMetadata(string Tool, string ToolVersion, int ReportVersion, DateTimeOffset GeneratedAtUtc, long Seed, string Seeds, string? Synthetic, string Eval);

/// <summary>
/// What <c>synthvault text eval</c> found, written as report.json (keys documented in REPORT.md, "Text evaluation
/// report") and report.html: the downstream classifier check, the generator-bias report, and the loop's diversity and
/// memorization numbers next to the seeds'.
/// </summary>
/// <param name="Metadata">Where it comes from.</param>
/// <param name="Downstream">The three classifiers, their intervals and verdicts, and eval leaks.</param>
/// <param name="Bias">Surface differences and over/under-represented phrases; null without a synthetic set.</param>
/// <param name="Loop">Diversity and memorization next to the seed baseline; null when not measured.</param>
/// <param name="Warnings">What a reader must know (eval leaks, model warnings).</param>
public sealed record TextEvalReport(TextEvalMetadata Metadata, TextDownstreamResult Downstream, GeneratorBiasResult? Bias, TextLoopNumbers? Loop, IReadOnlyList<string> Warnings)
{
    /// <summary>Bumped when a key of report.json changes meaning or disappears.</summary>
    public const int CurrentReportVersion = 1;
}
