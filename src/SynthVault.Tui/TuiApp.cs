using SynthVault.Core.Errors;
using SynthVault.Tui.Screens;
using SynthVault.Tui.Shell;
using Terminal.Gui.App;

namespace SynthVault.Tui;

/// <summary>The entry point of <c>synthvault tui</c>, the Terminal.Gui app over the same use cases as the CLI.</summary>
public static class TuiApp
{
    /// <summary>
    /// Runs the app in the current terminal until the user quits (Ctrl+Q, or Esc with a confirmation when column
    /// settings are unsaved) and returns the exit code, 0. Problems while it runs are shown in the app, never thrown.
    /// </summary>
    /// <exception cref="SynthVaultException">Standard input or output is not a terminal (piped, redirected, CI).</exception>
    public static int Run(TuiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Console.IsOutputRedirected || Console.IsInputRedirected)
        {
            throw new SynthVaultException(
                "'synthvault tui' needs an interactive terminal, but its input or output is redirected.",
                hint: "Run it directly in a terminal window; in scripts use the other commands (profile, synth, evaluate).");
        }

        using var app = Application.Create();
        app.Init();
        var session = new TuiSession();
        using var shell = new TuiShell(app, session, TuiScreens.All);
        if (options.Path is { } path)
        {
            app.Invoke(() => TuiErrors.Guard(app, () => OpenAtStart(shell, path)));
        }

        app.Run(shell, error =>
        {
            // A handler that escaped every guard: show it and keep the app alive rather than dropping the user's work.
            app.Invoke(() => TuiErrors.Show(app, error));
            return true;
        });
        return 0;
    }

    /// <summary>Opens the start path on the screen that fits it: a report on the evaluation screen, anything else on the data screen.</summary>
    internal static void OpenAtStart(TuiShell shell, string path)
    {
        ArgumentNullException.ThrowIfNull(shell);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (ReportFile.LooksLikeReport(path))
        {
            shell.ShowScreen<EvaluationView>()?.Open(path);
        }
        else
        {
            shell.ShowScreen<DataProfileView>()?.Open(path);
        }
    }
}
