using SynthVault.Llm;

namespace SynthVault.App.Text;

/// <summary>
/// Names a model for the bias report's warnings: an existing GGUF file by its header ("general.name (architecture)",
/// e.g. "Qwen2.5 1.5B Instruct (qwen2)"), anything else by the text given (a file name, a server model id). The engine
/// compares names only (<see cref="SynthVault.Evaluation.Text.ModelFamily"/>), so it never needs to read a model.
/// </summary>
public static class ModelIdentity
{
    /// <summary>The name to report for <paramref name="pathOrName"/>; null for null or blank.</summary>
    /// <exception cref="SynthVault.Core.Errors.SynthVaultException">A .gguf file that is not a well-formed GGUF model.</exception>
    public static string? Describe(string? pathOrName)
    {
        if (string.IsNullOrWhiteSpace(pathOrName))
        {
            return null;
        }

        if (!pathOrName.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) || !File.Exists(pathOrName))
        {
            return pathOrName.Trim();
        }

        var info = GgufFile.Read(pathOrName);
        var name = string.IsNullOrWhiteSpace(info.Name) ? Path.GetFileNameWithoutExtension(pathOrName) : info.Name.Trim();
        return $"{name} ({info.Architecture})";
    }
}
