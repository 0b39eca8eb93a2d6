using System.Diagnostics;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace SynthVault.Llm;

/// <summary>
/// The one-per-process set-up of LLamaSharp's native library. NativeLibraryConfig may be changed only before the
/// first native call, so it is configured once, behind a lock: the CPU build is left to LLamaSharp's own choice
/// (noavx, avx, avx2 or avx512 by what the CPU supports; forcing one can kill the process with SIGILL), and every
/// llama.cpp log line goes through one callback that forwards to the current <see cref="ILogger"/> or drops it
/// (silent by default; without a callback llama.cpp would print to stderr).
/// </summary>
internal static class NativeRuntime
{
    private static readonly Lock Gate = new();
    private static bool configured;
    private static ILogger? logger;
    private static string? backendFromLog;
    private static string? backend;

    /// <summary>Configures the native library once and sets where its log goes (null: nowhere).</summary>
    public static void Configure(ILogger? nativeLogger)
    {
        lock (Gate)
        {
            logger = nativeLogger;
            if (configured)
            {
                return;
            }

            configured = true;
            if (!NativeLibraryConfig.LLama.LibraryHasLoaded)
            {
                NativeLibraryConfig.All.WithLogCallback(OnLog);
            }
        }
    }

    /// <summary>
    /// The CPU build that loaded (e.g. "avx512"): the folder of libllama in LLamaSharp's runtimes tree, from the
    /// loader's own log line, or from the process's loaded modules.
    /// </summary>
    public static string LoadedBackend
    {
        get
        {
            lock (Gate)
            {
                return backend ??= backendFromLog ?? FromModules() ?? "unknown";
            }
        }
    }

    private static void OnLog(LLamaLogLevel level, string message)
    {
        // LLamaSharp's loader logs "Successfully loaded '<dir>/<variant>/libllama.so'".
        if (backendFromLog is null && message.StartsWith("Successfully loaded '", StringComparison.Ordinal) && message.Contains("llama.", StringComparison.Ordinal)
            && !message.Contains("ggml", StringComparison.Ordinal) && !message.Contains("mtmd", StringComparison.Ordinal))
        {
            var path = message["Successfully loaded '".Length..].TrimEnd('\'', '\n', ' ');
            backendFromLog = Path.GetFileName(Path.GetDirectoryName(path));
        }

        var sink = logger;
        var text = message.TrimEnd('\n');
        if (sink is null || text.Length == 0)
        {
            return;
        }

        var logLevel = level switch
        {
            LLamaLogLevel.Error => LogLevel.Error,
            LLamaLogLevel.Warning => LogLevel.Warning,
            LLamaLogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        if (sink.IsEnabled(logLevel))
        {
            // The state is the text itself: native messages may hold braces, so they must not be a message template.
            sink.Log(logLevel, default, "llama.cpp: " + text, null, static (state, _) => state);
        }
    }

    private static string? FromModules()
    {
        using var process = Process.GetCurrentProcess();
        foreach (ProcessModule module in process.Modules)
        {
            if (module.ModuleName.StartsWith("libllama", StringComparison.Ordinal) || module.ModuleName.Equals("llama.dll", StringComparison.OrdinalIgnoreCase))
            {
                return Path.GetFileName(Path.GetDirectoryName(module.FileName));
            }
        }

        return null;
    }
}
