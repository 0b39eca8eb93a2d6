using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using SynthVault.Testing;

namespace SynthVault.Tui.Tests;

/// <summary>Runs only where a pseudo-terminal tool exists: util-linux <c>script</c> (preferred) or <c>tmux</c>.</summary>
public sealed class PseudoTerminalFactAttribute : FactAttribute
{
    public PseudoTerminalFactAttribute()
    {
        if (PseudoTerminal.Tool is null)
        {
            Skip = "Neither 'script' (util-linux) nor 'tmux' is installed, so the real binary cannot be given a terminal.";
        }
    }
}

/// <summary>Finds the tool that gives a child process a terminal of a chosen size.</summary>
internal static class PseudoTerminal
{
    /// <summary>"script", "tmux", or null. <c>SYNTHVAULT_TEST_PTY=tmux</c> forces tmux (to test that path where both exist).</summary>
    public static string? Tool { get; } = Find();

    public static string? Which(string name)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? Find()
    {
        var forced = Environment.GetEnvironmentVariable("SYNTHVAULT_TEST_PTY");
        if (forced is "tmux" or "script")
        {
            return Which(forced) is null ? null : forced;
        }

        return Which("script") is not null ? "script" : Which("tmux") is not null ? "tmux" : null;
    }
}

/// <summary>
/// The real built <c>synthvault</c> binary in a real (pseudo-)terminal of 80×24: it must draw its first screen,
/// quit on Ctrl+Q and exit with 0 — and refuse with one line, not hang, when its output is not a terminal.
/// </summary>
public sealed partial class SmokeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Terminal.Gui's switch that keeps its drivers off the real terminal (headless tests set it).</summary>
    private const string HeadlessSwitch = "DisableRealDriverIO";

    [PseudoTerminalFact]
    public void The_real_binary_in_an_80_by_24_terminal_shows_the_first_screen_and_quits_with_ctrl_q_and_exit_code_0()
    {
        var (code, screen) = RunInTerminal(string.Empty, "Data & profile");

        Assert.True(screen.Contains("Data & profile", StringComparison.Ordinal), "The first screen never appeared. Output:\n" + screen);
        Assert.Equal(0, code);
    }

    [PseudoTerminalFact]
    public void The_real_binary_opens_the_data_file_it_is_given_at_start()
    {
        var (code, screen) = RunInTerminal(Quote(RepoPaths.AdultCsv), "30,162 rows");

        Assert.True(screen.Contains("30,162 rows", StringComparison.Ordinal), "The profile of adult.csv never appeared. Output:\n" + screen);
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task The_real_binary_with_redirected_output_refuses_in_one_line_with_exit_code_1()
    {
        var start = new ProcessStartInfo(DotnetHost(), [CliDll(), "tui"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        var exited = true;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            exited = false;
            process.Kill(entireProcessTree: true);
        }

        Assert.True(exited, "synthvault tui hung with redirected output");
        Assert.Equal(1, process.ExitCode);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("interactive terminal", lines[0], StringComparison.Ordinal);
        Assert.Equal(string.Empty, await stdout);
    }

    private static (int Code, string Screen) RunInTerminal(string arguments, string firstText)
    {
        // env -u: a test process may set Terminal.Gui's DisableRealDriverIO for its in-process tests; the real binary
        // must not inherit it, or it would draw nothing.
        var command = $"stty cols 80 rows 24; exec env -u {HeadlessSwitch} {Quote(DotnetHost())} {Quote(CliDll())} tui {arguments}";
        return PseudoTerminal.Tool == "tmux" ? RunInTmux(command, firstText) : RunInScript(command, firstText);
    }

    private static (int Code, string Screen) RunInScript(string command, string firstText)
    {
        // script -e returns the child's exit code; -f flushes output as it comes; /dev/null: keep no typescript file.
        var start = new ProcessStartInfo(PseudoTerminal.Which("script")!, ["-qfec", command, "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove(HeadlessSwitch);
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var reader = Pump(process.StandardOutput, output);
        var errors = Pump(process.StandardError, output);
        try
        {
            if (!WaitUntil(() => Visible(output).Contains(firstText, StringComparison.Ordinal)))
            {
                return (-1, Visible(output));
            }

            process.StandardInput.Write('\u0011'); // Ctrl+Q
            process.StandardInput.Flush();
            if (!process.WaitForExit(Limit))
            {
                return (-1, "did not exit within the limit after Ctrl+Q:\n" + Visible(output));
            }

            process.WaitForExit();
            Task.WaitAll([reader, errors], Limit);
            return (process.ExitCode, Visible(output));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static (int Code, string Screen) RunInTmux(string command, string firstText)
    {
        using var temp = new TempDirectory("tui-tmux");
        var socket = Path.Combine(temp.Path, "tmux.sock");
        var codeFile = Path.Combine(temp.Path, "exit-code");
        var session = "synthvault-smoke";
        Tmux(socket, "new-session", "-d", "-x", "80", "-y", "24", "-s", session, $"{command.Replace("exec ", string.Empty, StringComparison.Ordinal)}; echo $? > {Quote(codeFile)}");
        try
        {
            var screen = string.Empty;
            if (!WaitUntil(() => (screen = Tmux(socket, "capture-pane", "-p", "-t", session)).Contains(firstText, StringComparison.Ordinal)))
            {
                return (-1, screen);
            }

            Tmux(socket, "send-keys", "-t", session, "C-q");
            return WaitUntil(() => File.Exists(codeFile) && File.ReadAllText(codeFile).Trim().Length > 0)
                ? (int.Parse(File.ReadAllText(codeFile).Trim(), System.Globalization.CultureInfo.InvariantCulture), screen)
                : (-1, "did not exit within the limit after Ctrl+Q:\n" + screen);
        }
        finally
        {
            Tmux(socket, "kill-server");
        }
    }

    private static string Tmux(string socket, params string[] args)
    {
        var start = new ProcessStartInfo(PseudoTerminal.Which("tmux")!, ["-S", socket, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(Limit);
        return output;
    }

    private static bool WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Limit)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(100);
        }

        return condition();
    }

    private static Task Pump(StreamReader reader, StringBuilder sink) => Task.Run(async () =>
    {
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (sink)
            {
                sink.Append(buffer, 0, n);
            }
        }
    });

    /// <summary>The output without escape sequences (colours, cursor moves), so text split by styling still matches.</summary>
    private static string Visible(StringBuilder output)
    {
        string raw;
        lock (output)
        {
            raw = output.ToString();
        }

        return EscapeSequence().Replace(raw, string.Empty);
    }

    [GeneratedRegex(@"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")]
    private static partial Regex EscapeSequence();

    private static string CliDll()
    {
        var configuration = typeof(SmokeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(RepoPaths.Root, "src", "SynthVault.Cli", "bin", configuration, "net10.0", "synthvault.dll");
        Assert.True(File.Exists(path), $"The CLI is not built at {path}: build the test project (it builds the CLI too).");
        return path;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
