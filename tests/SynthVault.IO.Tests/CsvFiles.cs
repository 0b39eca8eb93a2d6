using System.Text;
using SynthVault.Testing;

namespace SynthVault.IO.Tests;

/// <summary>Helpers that write test input files byte for byte.</summary>
internal static class CsvFiles
{
    public static string Write(TempDirectory dir, string name, string content)
    {
        var path = dir.File(name);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    public static string WriteBytes(TempDirectory dir, string name, byte[] content)
    {
        var path = dir.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static TableReadResult Read(TempDirectory dir, string name, string content, TableReadOptions? options = null) =>
        TableFile.Read(Write(dir, name, content), options);
}
