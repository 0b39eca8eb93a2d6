namespace SynthVault.Evaluation.Privacy;

/// <summary>Settings of the privacy audit. The defaults suit tables up to some 100 k rows on a laptop.</summary>
/// <param name="Seed">Root seed of every sample, bootstrap and attack: same seed and data, same numbers.</param>
/// <param name="LabelColumn">Class column for the per-class audit; null = the schema's label, if any.</param>
/// <param name="MaxDistanceRows">Cap on the rows of each set (synthetic, train, holdout) in the distance metrics;
/// larger sets are subsampled with the seed.</param>
/// <param name="MaxReportedDistances">Cap on the DCR lists kept for the report's histograms (seeded subsample).</param>
/// <param name="BootstrapResamples">Resamples of the DCR share's percentile-bootstrap interval.</param>
/// <param name="AttackTargets">Targets (or predicates, for singling-out) per attack and per side (main, control).</param>
/// <param name="SinglingOutColumns">Columns combined in each multivariate singling-out predicate.</param>
/// <param name="LinkabilityColumns">The two column sets the linkability attacker holds; null = the compared columns
/// split in two halves with the seed.</param>
/// <param name="LinkabilityNeighbors">Synthetic neighbours (1 or 2) each half is linked to.</param>
/// <param name="InferenceSecrets">Columns the attribute-inference attack tries to guess, one result each; null =
/// every compared column.</param>
/// <param name="InferenceTolerance">A numeric guess counts as correct when |guess − secret| ≤ tolerance · |secret|.</param>
/// <param name="MinRowsPerClass">A class is audited on its own only when the synthetic, train and holdout sets
/// each hold at least this many of its rows; smaller classes are left out of the per-class section.</param>
/// <param name="MaxDegreeOfParallelism">Threads for the neighbour searches; −1 = all cores. Results do not depend on it.</param>
public sealed record PrivacyOptions(
    long Seed = 20240601,
    string? LabelColumn = null,
    int MaxDistanceRows = 50_000,
    int MaxReportedDistances = 5_000,
    int BootstrapResamples = 1_000,
    int AttackTargets = 500,
    int SinglingOutColumns = 3,
    (IReadOnlyList<string> First, IReadOnlyList<string> Second)? LinkabilityColumns = null,
    int LinkabilityNeighbors = 1,
    IReadOnlyList<string>? InferenceSecrets = null,
    double InferenceTolerance = 0.05,
    int MinRowsPerClass = 20,
    int MaxDegreeOfParallelism = -1);
