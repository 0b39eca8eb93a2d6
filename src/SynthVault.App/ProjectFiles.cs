using SynthVault.Core.Errors;
using SynthVault.Core.Project;
using SynthVault.IO;

namespace SynthVault.App;

/// <summary>Loading and saving <c>synthvault.json</c> project files.</summary>
public static class ProjectFiles
{
    /// <summary>Reads and validates a project file; every problem names the file and the JSON path.</summary>
    public static SynthVaultProject Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new SynthVaultException("does not exist.", path, hint: "Create one with 'synthvault init <data file>'.");
        }

        return SynthVaultProject.Parse(File.ReadAllText(path), path);
    }

    /// <summary>Writes a project file atomically; refuses to replace an existing one unless <paramref name="overwrite"/>.</summary>
    public static void Save(SynthVaultProject project, string path, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(project);
        EnsureWritable(path, overwrite);
        AtomicFile.WriteAllText(path, project.ToJson());
    }

    /// <summary>Refuses, with a clear error, to replace an existing file unless <paramref name="overwrite"/>.</summary>
    public static void EnsureWritable(string path, bool overwrite)
    {
        if (!overwrite && File.Exists(path))
        {
            throw new SynthVaultException("already exists and was left as it is.", path, hint: "Pass --force to replace it, or --out to write another file.");
        }
    }

    /// <summary>
    /// The data path as the project file should record it: relative to the project file's folder, so a project
    /// folder can be moved or shared as a whole.
    /// </summary>
    public static string RelativeDataPath(string projectPath, string dataPath)
    {
        var projectDir = Path.GetDirectoryName(Path.GetFullPath(projectPath)) ?? ".";
        return Path.GetRelativePath(projectDir, Path.GetFullPath(dataPath)).Replace('\\', '/');
    }

    /// <summary>The absolute path of the project's data file.</summary>
    public static string ResolveDataPath(string projectPath, SynthVaultProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var projectDir = Path.GetDirectoryName(Path.GetFullPath(projectPath)) ?? ".";
        return Path.GetFullPath(Path.Combine(projectDir, project.Data.Path));
    }
}
