using SynthVault.Core.Profiling;
using SynthVault.Core.Progress;
using SynthVault.Core.Schema;

namespace SynthVault.App;

/// <summary>Where a command's schema comes from: the user's project file when given, else the profiler's inference.</summary>
public static class SchemaResolver
{
    public static TableSchema Resolve(LoadedDataset dataset, string? projectPath, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (projectPath is not null)
        {
            var schema = ProjectFiles.Load(projectPath).ToSchema();
            schema.EnsureMatches(dataset.Table, dataset.Path);
            return schema;
        }

        return Profiler.Profile(dataset.Table, progress: progress, ct: cancellationToken).ToSchema();
    }
}
