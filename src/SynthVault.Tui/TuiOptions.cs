namespace SynthVault.Tui;

/// <summary>How <c>synthvault tui</c> starts.</summary>
/// <param name="Path">
/// What to open first, or null for an empty workspace: a data file (CSV, TSV, Parquet) or a
/// <c>synthvault.json</c> opens on the data and profile screen; a <c>report.json</c>, or a run folder holding one,
/// opens on the evaluation screen.
/// </param>
public sealed record TuiOptions(string? Path = null);
