using System.Diagnostics;
using System.Globalization;
using System.Text;
using SynthVault.Core.Errors;

namespace SynthVault.IO;

/// <summary>
/// Writes files so that readers only ever see the old content or the complete new content: the data goes to a
/// temporary file in the same folder (same volume, so the final rename is atomic), is flushed to disk and then
/// renamed over the target. On any failure or cancellation the temporary file is deleted and the target is untouched.
/// </summary>
public static class AtomicFile
{
    private static long counter;

    /// <summary>Writes a file through <paramref name="write"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteAsync(path, (stream, _) =>
        {
            write(stream);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
    }

    /// <summary>Writes a file through <paramref name="write"/>, atomically.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target) ?? throw new SynthVaultException("The path has no folder.", file: path);
        if (!Directory.Exists(folder))
        {
            throw new SynthVaultException("The folder to write into does not exist.", file: path, hint: $"Create '{folder}' first.");
        }

        if (Directory.Exists(target))
        {
            throw new SynthVaultException("A folder of that name exists where the file should go.", file: path);
        }

        var temp = TempPathFor(target);
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(temp);
            if (e is IOException or UnauthorizedAccessException)
            {
                throw new SynthVaultException($"Could not write the file: {e.Message}", file: path, hint: "Check that the folder is writable and the disk has space.", inner: e);
            }

            throw;
        }
    }

    /// <summary>Writes text as UTF-8 without a byte order mark, atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
            writer.Write(text);
        });
    }

    /// <summary>Writes bytes, atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>
    /// A name no other writer uses: hidden (leading dot), next to the target, unique by process, a counter and the
    /// clock. <see cref="FileMode.CreateNew"/> guards the rest.
    /// </summary>
    private static string TempPathFor(string target)
    {
        var folder = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        var unique = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{Interlocked.Increment(ref counter)}-{Stopwatch.GetTimestamp():x}");
        return Path.Combine(folder, $".{name}.{unique}.tmp");
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
            // The original error matters more; a stale hidden temp file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
