namespace SynthVault.Evaluation.Privacy;

/// <summary>A point estimate with a 95 % confidence interval.</summary>
public sealed record Estimate(double Value, double Lower, double Upper);

/// <summary>
/// One privacy attack (singling-out, linkability, attribute inference) scored against a control set, following
/// the published method of Giomi et al. 2022 ("A Unified Framework for Quantifying Privacy Risk in Synthetic
/// Data"): success rates with Wilson intervals and risk = (r_main − r_control) / (1 − r_control).
/// </summary>
public sealed record AttackResult(
    string Attack,
    int Attempts,
    Estimate MainSuccessRate,
    Estimate ControlSuccessRate,
    Estimate Risk,
    string? Detail = null);

/// <summary>
/// Memorization and privacy metrics of one synthetic table against the training rows it was fitted on and a
/// holdout it never saw (DESIGN §7). Distances use one Gower-style scale: numeric |Δ| / range of the training
/// column, categorical 0/1, averaged over columns.
/// </summary>
public sealed record PrivacyMetrics(
    int TrainRows,
    int HoldoutRows,
    int SyntheticRows,
    double IdenticalMatchShareTrain,
    double IdenticalMatchShareHoldout,
    Estimate DcrShare,
    double NndrP10Train,
    double NndrP10Holdout,
    double MiaAuroc,
    double MiaTprAtFpr1,
    IReadOnlyList<AttackResult> Attacks,
    IReadOnlyList<double> DcrSyntheticToTrain,
    IReadOnlyList<double> DcrSyntheticToHoldout)
{
    /// <summary>
    /// The DCR test of DESIGN §7: synthetic rows are no closer to the training rows than to unseen rows when the
    /// lower bound of the DCR share's interval is at most 0.5 (0.5 is the ideal when train and holdout are the same size).
    /// </summary>
    public bool DcrPasses => DcrShare.Lower <= 0.5;
}

/// <summary>Privacy metrics overall and per class of the label, so a minority class is audited on its own.</summary>
public sealed record PrivacySection(
    PrivacyMetrics Overall,
    IReadOnlyDictionary<string, PrivacyMetrics> PerClass);
