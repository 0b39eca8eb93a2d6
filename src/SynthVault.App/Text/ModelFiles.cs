using SynthVault.Core.Errors;

namespace SynthVault.App.Text;

/// <summary>Finds the GGUF model a text command was given, with the message that says where to put one.</summary>
public static class ModelFiles
{
    /// <summary>The folder users copy models into.</summary>
    public const string Folder = "models";

    /// <summary>The full path of <paramref name="path"/>, which must be an existing file.</summary>
    /// <exception cref="SynthVaultException">No path, or no file there: says to copy a GGUF into models/.</exception>
    public static string Resolve(string? path, string option = "--model")
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new SynthVaultException(
                $"no GGUF model given; copy a GGUF into {Folder}/ (see {Folder}/README.md) and pass it with {option} {Folder}/<file>.gguf.");
        }

        if (!File.Exists(path))
        {
            throw new SynthVaultException(
                $"no GGUF model at {path}; copy a GGUF into {Folder}/ (see {Folder}/README.md).",
                hint: $"Pass the file with {option}; SynthVault never downloads models.");
        }

        return Path.GetFullPath(path);
    }
}
