using System.Text.Json;
using SynthVault.Core.Project;
using SynthVault.Testing;
using SynthVault.Testing.Text;

namespace SynthVault.App.Tests.Run;

/// <summary>Small temporary projects for run tests: the first rows of a bundled file and a project file made by init.</summary>
internal static class RunProjects
{
    /// <summary>The first <paramref name="rows"/> rows of Adult in <c>data/adult.csv</c> and <c>project/synthvault.json</c> pointing at it.</summary>
    public static string Adult(TempDirectory dir, int rows = 2000, Func<SynthVaultProject, SynthVaultProject>? edit = null) =>
        Make(dir, RepoPaths.AdultCsv, "adult.csv", rows, edit);

    /// <summary>The first rows of the SMS texts (label, text) as a TSV, with a project whose SMS column is text.</summary>
    public static string Sms(TempDirectory dir, int rows, Func<SynthVaultProject, SynthVaultProject>? edit = null) =>
        Make(dir, RepoPaths.SmsSpamTsv, "sms.tsv", rows, edit);

    /// <summary>Writes <paramref name="project"/> to <paramref name="path"/> (replacing it).</summary>
    public static void Save(SynthVaultProject project, string path) => ProjectFiles.Save(project, path, overwrite: true);

    /// <summary>A generator answering every fill request with word salad seeded by the request: valid, diverse, PII-free.</summary>
    public static ScriptedTextGenerator FillGenerator() =>
        new(r => JsonSerializer.Serialize(new { text = ScriptedTextGenerator.WordSalad(r.Sampler.Seed, 0) }));

    private static string Make(TempDirectory dir, string source, string name, int rows, Func<SynthVaultProject, SynthVaultProject>? edit)
    {
        var dataDir = Path.Combine(dir.Path, "data");
        var projectDir = Path.Combine(dir.Path, "project");
        Directory.CreateDirectory(dataDir);
        Directory.CreateDirectory(projectDir);
        var data = Path.Combine(dataDir, name);
        File.WriteAllLines(data, File.ReadLines(source).Take(rows + 1));
        var projectPath = Path.Combine(projectDir, SynthVaultProject.DefaultFileName);
        var (project, _) = ProfileUseCase.Init(data, projectPath, overwrite: true);

        // Output relative to the project file, as users write it.
        project = project with { Output = new OutputSection("../out") };
        Save(edit is null ? project : edit(project), projectPath);
        return projectPath;
    }
}

/// <summary>A clock fixed at one instant, so run folder names are known in advance.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
