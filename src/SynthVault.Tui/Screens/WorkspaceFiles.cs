using SynthVault.App;
using SynthVault.Core.Errors;
using SynthVault.Core.Profiling;
using SynthVault.Core.Progress;
using SynthVault.Core.Project;
using SynthVault.Core.Schema;

namespace SynthVault.Tui.Screens;

/// <summary>A data file opened for the data screen: the profile, and the column settings to start from.</summary>
/// <param name="ProjectPath">The project file opened, or null when a data file was opened on its own.</param>
/// <param name="Project">The project read from <paramref name="ProjectPath"/>.</param>
/// <param name="Dataset">The data.</param>
/// <param name="Profile">Its profile.</param>
/// <param name="Schema">The project's column settings, or the profile's inferred ones.</param>
/// <param name="Warnings">Reader and profiler warnings.</param>
internal sealed record LoadedWorkspace(
    string? ProjectPath,
    SynthVaultProject? Project,
    LoadedDataset Dataset,
    TableProfile Profile,
    TableSchema Schema,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Opening and saving what the data screen edits, kept apart from the view so the rules are plain code: a
/// <c>.json</c> path is a project (its data file is profiled and its column settings win), anything else is a
/// data file (the profile's inferred settings are the start). Overrides are checked with the project file's own
/// rules before they are accepted, and saved through <see cref="ProjectFiles.Save"/> (atomic).
/// </summary>
internal static class WorkspaceFiles
{
    /// <summary>True for a path the data screen treats as a project file.</summary>
    public static bool IsProjectPath(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads and profiles a data file or a project's data file. Slow for big files: call it off the UI thread.</summary>
    public static LoadedWorkspace Load(string path, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            var inside = Path.Combine(full, SynthVaultProject.DefaultFileName);
            if (!File.Exists(inside))
            {
                throw new SynthVaultException("is a folder without a synthvault.json.", path, hint: "Open a CSV, TSV or Parquet file, or a project file.");
            }

            full = inside;
        }

        if (!IsProjectPath(full))
        {
            var outcome = ProfileUseCase.Run(full, progress, cancellationToken);
            return new LoadedWorkspace(null, null, outcome.Dataset, outcome.Profile, outcome.Profile.ToSchema(), outcome.Warnings);
        }

        var project = ProjectFiles.Load(full);
        var dataPath = ProjectFiles.ResolveDataPath(full, project);
        var loaded = ProfileUseCase.Run(dataPath, progress, cancellationToken);
        var schema = project.ToSchema();
        schema.EnsureMatches(loaded.Dataset.Table, dataPath);
        foreach (var column in loaded.Dataset.Table.Columns)
        {
            if (!schema.Contains(column.Name))
            {
                throw new SynthVaultException($"The data has a column '{column.Name}' that the project does not list.", full, column.Name, hint: "Add it to \"columns\" or re-run 'synthvault init' on the data file.");
            }
        }

        return new LoadedWorkspace(full, project, loaded.Dataset, loaded.Profile, schema, loaded.Warnings);
    }

    /// <summary>Where the settings are saved: the opened project, else synthvault.json beside the data file.</summary>
    public static string TargetProjectPath(TuiSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.ProjectPath is { } existing)
        {
            return existing;
        }

        var dataPath = session.DataPath ?? throw new InvalidOperationException("No data is open.");
        return Path.Combine(Path.GetDirectoryName(dataPath) ?? ".", SynthVaultProject.DefaultFileName);
    }

    /// <summary>
    /// The column settings with <paramref name="column"/> replacing its namesake. A new label demotes the old one to
    /// a feature (a project has one label). The result must pass the project file's rules (PII is never learned,
    /// identifiers are regenerated, the label is learned and discrete...), else a <see cref="SynthVaultException"/>
    /// names the rule that failed.
    /// </summary>
    public static TableSchema ApplyOverride(TuiSession session, ColumnSchema column)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(column);
        var schema = session.Schema ?? throw new InvalidOperationException("No data is open.");
        var columns = schema.Columns
            .Select(c => c.Name == column.Name ? column
                : column.Role == ColumnRole.Label && c.Role == ColumnRole.Label ? c with { Role = ColumnRole.Feature }
                : c)
            .ToList();
        var candidate = new TableSchema(columns);
        var target = TargetProjectPath(session);
        BuildProject(session, candidate, target).Validate(Path.GetFileName(target));
        return candidate;
    }

    /// <summary>The project to save: the opened project with the edited columns, or a new one for the data file.</summary>
    public static SynthVaultProject BuildProject(TuiSession session, TableSchema schema, string projectPath)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(schema);
        var label = schema.Label?.Name;
        if (session.Project is { } project)
        {
            // The evaluation label follows the label role when it named the old label; a label the user chose by
            // hand for something else stays.
            var oldLabel = session.SavedSchema?.Label?.Name;
            var evaluation = project.Evaluation.Label == oldLabel ? project.Evaluation with { Label = label } : project.Evaluation;
            return project with { Columns = schema.Columns, Evaluation = evaluation };
        }

        var dataPath = session.DataPath ?? throw new InvalidOperationException("No data is open.");
        var profile = session.Profile ?? throw new InvalidOperationException("No data is open.");
        return SynthVaultProject.FromProfile(ProjectFiles.RelativeDataPath(projectPath, dataPath), profile) with
        {
            Columns = schema.Columns,
            Evaluation = new EvaluationSection(Label: label),
        };
    }

    /// <summary>Validates and writes the project (atomically) and returns it.</summary>
    public static SynthVaultProject Save(TuiSession session, string projectPath, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(session);
        var schema = session.Schema ?? throw new InvalidOperationException("No data is open.");
        var project = BuildProject(session, schema, projectPath);
        project.Validate(Path.GetFileName(projectPath));
        ProjectFiles.Save(project, projectPath, overwrite);
        return project;
    }
}
