using SynthVault.Core.Profiling;
using SynthVault.Core.Progress;
using SynthVault.Core.Project;

namespace SynthVault.App;

/// <summary>The outcome of profiling a file.</summary>
public sealed record ProfileOutcome(LoadedDataset Dataset, TableProfile Profile)
{
    /// <summary>Reader and profiler warnings together, reader first.</summary>
    public IReadOnlyList<string> Warnings => [.. Dataset.Warnings, .. Profile.Warnings];
}

/// <summary>Profile a data file, and turn a profile into a project file (<c>synthvault init</c>).</summary>
public static class ProfileUseCase
{
    public static ProfileOutcome Run(string path, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        var dataset = DatasetFiles.Load(path, progress, cancellationToken);
        var profile = Profiler.Profile(dataset.Table, progress: progress, ct: cancellationToken);
        return new ProfileOutcome(dataset, profile);
    }

    /// <summary>Profiles <paramref name="dataPath"/> and writes the inferred project to <paramref name="projectPath"/>.</summary>
    public static (SynthVaultProject Project, ProfileOutcome Outcome) Init(string dataPath, string projectPath, bool overwrite, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        // Checked before the (possibly long) profile so the user is not kept waiting for a refusal.
        ProjectFiles.EnsureWritable(projectPath, overwrite);

        var outcome = Run(dataPath, progress, cancellationToken);
        var project = SynthVaultProject.FromProfile(ProjectFiles.RelativeDataPath(projectPath, dataPath), outcome.Profile);
        ProjectFiles.Save(project, projectPath, overwrite);
        return (project, outcome);
    }
}
