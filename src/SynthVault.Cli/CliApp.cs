using System.CommandLine;
using SynthVault.Cli.Commands;
using SynthVault.Core.Errors;

namespace SynthVault.Cli;

/// <summary>
/// Builds the <c>synthvault</c> command tree and runs it with SynthVault's exit-code contract:
/// 0 success, 1 a problem the user can fix (one clear line), 2 an internal error (stack trace only with --verbose).
/// </summary>
public static class CliApp
{
    public const int Success = 0;
    public const int UserError = 1;
    public const int InternalError = 2;

    /// <summary>Runs the CLI with the given arguments, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(output, error);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        context.Verbose = parse.GetValue(context.VerboseOption);
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            return Report(context, Unwrap(ex));
        }
    }

    /// <summary>The root command with every command group registered.</summary>
    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("SynthVault: a local-first, air-gapped workbench for synthetic tabular data and text.");
        root.Options.Add(context.VerboseOption);
        foreach (var create in CommandGroups)
        {
            root.Subcommands.Add(create(context));
        }

        return root;
    }

    /// <summary>Every top-level command, in the order the help lists them.</summary>
    private static readonly Func<CliContext, Command>[] CommandGroups =
    [
        Commands.DemoCommands.Create,
        Commands.RunCommands.Create,
        Commands.ProfileCommands.CreateProfile,
        Commands.ProfileCommands.CreateInit,
        Commands.SynthesisCommands.CreateFit,
        Commands.SynthesisCommands.CreateSample,
        Commands.SynthesisCommands.CreateSynth,
        Commands.EvaluateCommands.Create,
        Commands.RebalanceCommands.Create,
        Commands.RebalanceCommands.CreateBench,
        Commands.LlmCommands.Create,
        Commands.CostCommands.Create,
        Commands.TextCommands.Create,
        Commands.TuiCommands.Create,
    ];

    private static Exception Unwrap(Exception ex) =>
        ex is AggregateException { InnerExceptions.Count: 1 } agg ? Unwrap(agg.InnerExceptions[0]) : ex;

    internal static int Report(CliContext context, Exception ex)
    {
        switch (ex)
        {
            case SynthVaultException user:
                context.Error.WriteLine($"error: {user.Message}");
                if (context.Verbose)
                {
                    context.Error.WriteLine(user.ToString());
                }

                return UserError;
            case OperationCanceledException:
                context.Error.WriteLine("cancelled: nothing was written.");
                return UserError;
            default:
                context.Error.WriteLine($"internal error: {ex.GetType().Name}: {ex.Message}");
                context.Error.WriteLine(context.Verbose ? ex.ToString() : "This is a bug in SynthVault. Run again with --verbose for the stack trace and report it.");
                return InternalError;
        }
    }
}
