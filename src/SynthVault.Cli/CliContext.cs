using System.CommandLine;
using Spectre.Console;
using SynthVault.Core.Progress;

namespace SynthVault.Cli;

/// <summary>
/// What every command needs from the host: where human output and machine output go, the --verbose flag, and
/// one way to show progress. Human tables go to <see cref="Console"/> (stdout); progress goes to stderr so
/// that stdout stays clean for JSON and piping.
/// </summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error)
    {
        Out = output;
        Error = error;
        Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (System.Console.IsOutputRedirected || !ReferenceEquals(output, System.Console.Out))
        {
            // Piped or captured output has no terminal width; Spectre's 80-column fallback wraps tables into
            // unreadable towers, so give logs and files room.
            Console.Profile.Width = 160;
        }

        ProgressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Spectre console on stdout, for human-readable tables.</summary>
    public IAnsiConsole Console { get; }

    private IAnsiConsole ProgressConsole { get; }

    public bool Verbose { get; set; }

    public Option<bool> VerboseOption { get; } = new("--verbose", "-v")
    {
        Description = "Show stack traces for internal errors and more detail.",
        Recursive = true,
    };

    /// <summary>
    /// Runs long work with a progress bar on stderr when it is an interactive terminal, and silently otherwise
    /// (scripts and CI get clean output).
    /// </summary>
    public T WithProgress<T>(string title, Func<IProgress<ProgressUpdate>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!ProgressConsole.Profile.Capabilities.Interactive || System.Console.IsErrorRedirected)
        {
            return work(new Progress<ProgressUpdate>(_ => { }));
        }

        return ProgressConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var sink = new SynchronousProgress(update =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(update.Stage, out var task))
                        {
                            task = ctx.AddTask($"{title}: {update.Stage}", maxValue: Math.Max(1, update.Total));
                            tasks.Add(update.Stage, task);
                        }

                        if (update.Total > 0)
                        {
                            task.MaxValue = update.Total;
                            task.Value = update.Done;
                        }
                        else
                        {
                            task.IsIndeterminate = true;
                        }
                    }
                });
                return work(sink);
            });
    }

    /// <summary>
    /// Runs long asynchronous work with ONE progress bar on stderr (interactive terminals only) whose label is the
    /// latest update's message (e.g. "step 3/8 fit: cart 40 %") and whose value is the update's fraction.
    /// </summary>
    public async Task<T> WithSingleProgressAsync<T>(string title, Func<IProgress<ProgressUpdate>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!ProgressConsole.Profile.Capabilities.Interactive || System.Console.IsErrorRedirected)
        {
            return await work(new SynchronousProgress(_ => { })).ConfigureAwait(false);
        }

        return await ProgressConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                var sink = new SynchronousProgress(update =>
                {
                    lock (task)
                    {
                        task.Description = Markup.Escape($"{title}: {update.Message ?? update.Stage}");
                        if (update.Total > 0)
                        {
                            task.MaxValue = update.Total;
                            task.Value = update.Done;
                        }
                    }
                });
                return await work(sink).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>Reports on the calling thread: <see cref="Progress{T}"/> would post to the thread pool and lag behind.</summary>
    private sealed class SynchronousProgress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
