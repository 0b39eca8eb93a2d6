namespace SynthVault.Core.Progress;

/// <summary>
/// One progress report from long work: the CLI's progress bars and the TUI show the same stream.
/// </summary>
/// <param name="Stage">A short name of the step, e.g. "read", "fit", "sample".</param>
/// <param name="Done">Units finished so far.</param>
/// <param name="Total">Units in all, or 0 when unknown.</param>
/// <param name="Message">Optional detail for the user.</param>
public sealed record ProgressUpdate(string Stage, long Done, long Total, string? Message = null)
{
    public double Fraction => Total > 0 ? Math.Clamp((double)Done / Total, 0, 1) : 0;
}
