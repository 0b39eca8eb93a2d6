using SynthVault.App;
using SynthVault.Core.Profiling;
using SynthVault.Core.Project;
using SynthVault.Core.Schema;
using SynthVault.Tui.Screens;

namespace SynthVault.Tui;

/// <summary>What changed in a <see cref="TuiSession"/>.</summary>
internal enum TuiSessionChange
{
    /// <summary>A data file or project was opened (and profiled).</summary>
    Workspace,

    /// <summary>A column's kind, role, policy or PII kind was changed and not yet saved.</summary>
    Overrides,

    /// <summary>The column settings were written to the project file.</summary>
    Saved,

    /// <summary>A run finished or was selected: <see cref="TuiSession.LastRunFolder"/> changed.</summary>
    RunFolder,

    /// <summary>An evaluation report was opened.</summary>
    Report,

    /// <summary>The run screen saved the project's synthesis, rebalance or holdout settings (columns unchanged).</summary>
    Settings,
}

/// <summary>Names the change a <see cref="TuiSession.Changed"/> event reports.</summary>
internal sealed class TuiSessionChangedEventArgs(TuiSessionChange change) : EventArgs
{
    public TuiSessionChange Change { get; } = change;
}

/// <summary>
/// The state every screen shares: the open project and data, their profile, the column settings the user is
/// editing, the last run folder and the last report. Screens read it and react to <see cref="Changed"/>; it is
/// only touched on the UI thread, so it needs no locks.
/// </summary>
internal sealed class TuiSession
{
    /// <summary>The project file the column settings are saved to; null until a project is opened or saved.</summary>
    public string? ProjectPath { get; private set; }

    /// <summary>The project as last loaded or saved; null for a data file opened on its own.</summary>
    public SynthVaultProject? Project { get; private set; }

    /// <summary>The data file that was profiled.</summary>
    public LoadedDataset? Dataset { get; private set; }

    /// <summary>The absolute path of <see cref="Dataset"/>.</summary>
    public string? DataPath => Dataset?.Path;

    /// <summary>The profile of <see cref="Dataset"/> (the inferred settings, masked samples, counts).</summary>
    public TableProfile? Profile { get; private set; }

    /// <summary>The column settings as the user sees them now, overrides included.</summary>
    public TableSchema? Schema { get; private set; }

    /// <summary>The column settings as last loaded or saved: what <see cref="Schema"/> is compared with.</summary>
    public TableSchema? SavedSchema { get; private set; }

    /// <summary>True when a column setting was changed and not saved.</summary>
    public bool HasUnsavedOverrides =>
        Schema is not null && SavedSchema is not null && !Schema.Columns.SequenceEqual(SavedSchema.Columns);

    /// <summary>The folder of the last synthesis run (its report.json is what the evaluation screen opens).</summary>
    public string? LastRunFolder { get; private set; }

    /// <summary>The report.json the evaluation screen shows.</summary>
    public string? ReportPath { get; private set; }

    /// <summary>Raised after every change, on the UI thread.</summary>
    public event EventHandler<TuiSessionChangedEventArgs>? Changed;

    /// <summary>Replaces the open data (and project) with a freshly loaded workspace.</summary>
    public void Open(LoadedWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ProjectPath = workspace.ProjectPath;
        Project = workspace.Project;
        Dataset = workspace.Dataset;
        Profile = workspace.Profile;
        Schema = workspace.Schema;
        SavedSchema = workspace.Schema;
        Raise(TuiSessionChange.Workspace);
    }

    /// <summary>Replaces the column settings (an override the user made); not saved until <see cref="MarkSaved"/>.</summary>
    public void Override(TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        Raise(TuiSessionChange.Overrides);
    }

    /// <summary>Records that <paramref name="project"/> was written to <paramref name="projectPath"/>.</summary>
    public void MarkSaved(string projectPath, SynthVaultProject project)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectPath);
        ArgumentNullException.ThrowIfNull(project);
        ProjectPath = projectPath;
        Project = project;
        Schema = project.ToSchema();
        SavedSchema = Schema;
        Raise(TuiSessionChange.Saved);
    }

    /// <summary>
    /// Takes the project as the run screen saved it (same file, same columns, new synthesis, rebalance or holdout
    /// settings), so that saving column settings later keeps them; unsaved column overrides stay as they are.
    /// </summary>
    public void UpdateSettings(SynthVaultProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        Project = project;
        Raise(TuiSessionChange.Settings);
    }

    /// <summary>Points the session at a run folder (the run screen calls this when a run ends).</summary>
    public void SetLastRunFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        LastRunFolder = folder;
        Raise(TuiSessionChange.RunFolder);
    }

    /// <summary>Records the report the evaluation screen opened.</summary>
    public void SetReportPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ReportPath = path;
        Raise(TuiSessionChange.Report);
    }

    private void Raise(TuiSessionChange change) => Changed?.Invoke(this, new TuiSessionChangedEventArgs(change));
}
