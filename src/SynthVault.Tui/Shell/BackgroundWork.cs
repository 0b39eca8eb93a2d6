using System.Diagnostics;
using SynthVault.Core.Progress;
using Terminal.Gui.App;

namespace SynthVault.Tui.Shell;

/// <summary>
/// Runs slow work (reading and profiling a file) on the thread pool so the UI keeps drawing and taking keys, and
/// brings progress and the outcome back to the UI thread through <see cref="IApplication.Invoke(Action)"/>.
/// </summary>
internal static class BackgroundWork
{
    /// <summary>How often progress is passed to the UI at most: faster is invisible and floods the main loop.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Starts <paramref name="work"/> and returns the task that ends after <paramref name="done"/> or
    /// <paramref name="failed"/> ran on the UI thread. A cancelled run calls neither.
    /// </summary>
    public static Task Start<T>(
        IApplication app,
        Func<IProgress<ProgressUpdate>, CancellationToken, T> work,
        Action<ProgressUpdate> progress,
        Action<T> done,
        Action<Exception> failed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(work);
        var reporter = new UiProgress(app, progress, cancellationToken);
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task.Run(() => work(reporter, cancellationToken), cancellationToken).ContinueWith(
            task =>
            {
                if (cancellationToken.IsCancellationRequested || task.IsCanceled)
                {
                    completion.TrySetResult();
                    return;
                }

                app.Invoke(() =>
                {
                    try
                    {
                        if (task.IsCompletedSuccessfully)
                        {
                            done(task.Result);
                        }
                        else if (task.Exception is { } error)
                        {
                            failed(error.InnerExceptions.Count == 1 ? error.InnerExceptions[0] : error);
                        }
                    }
                    finally
                    {
                        completion.TrySetResult();
                    }
                });
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
        return completion.Task;
    }

    /// <summary>Passes at most one update per <see cref="ProgressInterval"/> (and every change of stage) to the UI thread.</summary>
    private sealed class UiProgress(IApplication app, Action<ProgressUpdate> show, CancellationToken cancellationToken) : IProgress<ProgressUpdate>
    {
        private readonly Lock gate = new();
        private long lastTicks;
        private string? lastStage;

        public void Report(ProgressUpdate value)
        {
            lock (gate)
            {
                var now = Stopwatch.GetTimestamp();
                var due = value.Stage != lastStage || Stopwatch.GetElapsedTime(lastTicks, now) >= ProgressInterval || (value.Total > 0 && value.Done >= value.Total);
                if (!due || cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                lastTicks = now;
                lastStage = value.Stage;
            }

            app.Invoke(() => show(value));
        }
    }
}
