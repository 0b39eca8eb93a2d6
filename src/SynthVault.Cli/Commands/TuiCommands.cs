using System.CommandLine;
using SynthVault.Core.Errors;
using SynthVault.Tui;

namespace SynthVault.Cli.Commands;

/// <summary><c>synthvault tui [path]</c>: the terminal app (Terminal.Gui lives behind SynthVault.Tui only).</summary>
internal static class TuiCommands
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string?>("path")
        {
            Description = "A data file or synthvault.json to open on the data screen, or a report.json / run folder to open on the evaluation screen.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("tui", "Open the terminal app: profile data and edit column settings, read evaluation reports.") { path };
        command.SetAction(parse =>
        {
            // A full-screen app on a pipe would wait for keys that never come: refuse at once with one clear line.
            if (Console.IsOutputRedirected || Console.IsInputRedirected || !ReferenceEquals(context.Out, Console.Out))
            {
                throw new SynthVaultException(
                    "'synthvault tui' needs an interactive terminal, but its input or output is redirected.",
                    hint: "Run it directly in a terminal window; in scripts use the other commands (profile, synth, evaluate).");
            }

            return TuiApp.Run(new TuiOptions(parse.GetValue(path)));
        });
        return command;
    }
}
