using System.Diagnostics;
using SynthVault.Tui.Shell;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace SynthVault.Tui.Tests;

/// <summary>One scripted step: waits until <see cref="Ready"/> holds, then runs <see cref="Act"/> on the UI thread.</summary>
internal sealed record TuiStep(string Name, Func<bool> Ready, Action Act);

/// <summary>
/// Runs the real shell and screens in Terminal.Gui's real main loop on the ANSI driver, headless: the screen is a
/// virtual 80×24 (or any) buffer, keys are injected through Terminal.Gui's own input injector, and a script of
/// steps runs one per main-loop iteration. Modal dialogs (message boxes, the column dialog) run their own nested
/// loop, which keeps raising iterations, so the script carries on inside them. A step that never becomes ready
/// fails the test with the screen as it was, instead of hanging.
/// </summary>
internal sealed class TuiHarness : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public TuiHarness(int width = 80, int height = 24, IReadOnlyList<TuiScreenEntry>? screens = null)
    {
        App = Application.Create();
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
        Session = new TuiSession();
        Shell = new TuiShell(App, Session, screens ?? TuiScreens.All);
    }

    public IApplication App { get; }

    public TuiSession Session { get; }

    public TuiShell Shell { get; }

    /// <summary>True when the script ended and the harness had to close the app (false: the app quit by itself).</summary>
    public bool ForcedQuit { get; private set; }

    /// <summary>The screen of the given type (the registry builds it if need be).</summary>
    public T ScreenOf<T>()
        where T : View => Shell.FindScreen<T>() ?? throw new InvalidOperationException($"No {typeof(T).Name} is registered.");

    /// <summary>The dialog on top, as <typeparamref name="T"/>, or null.</summary>
    public T? DialogAs<T>()
        where T : class => App.TopRunnableView as T;

    /// <summary>The screen as text, one line per row.</summary>
    public string Screen => App.Driver!.ToString() ?? string.Empty;

    /// <summary>The view on top: the shell, or a dialog over it.</summary>
    public View? Top => App.TopRunnableView;

    /// <summary>True when a dialog (message box, picker, column settings) is on top.</summary>
    public bool DialogOpen => App.TopRunnable is { } top && !ReferenceEquals(top, Shell);

    public static TuiStep Do(string name, Action act) => new(name, () => true, act);

    public static TuiStep WaitFor(string name, Func<bool> ready) => new(name, ready, () => { });

    public static TuiStep When(string name, Func<bool> ready, Action act) => new(name, ready, act);

    public void Key(Key key) => App.InjectKey(key);

    public void Type(string text)
    {
        foreach (var ch in text)
        {
            App.InjectKey(new Key(ch));
        }
    }

    /// <summary>Runs the shell until every step ran, then quits it; fails with the screen if a step times out or throws.</summary>
    public void Run(params TuiStep[] steps)
    {
        var next = 0;
        string? failure = null;
        var clock = Stopwatch.StartNew();
        void OnIteration(object? sender, EventArgs<IApplication?> e)
        {
            if (failure is not null || next >= steps.Length)
            {
                // Unwind: close whatever is on top (nested dialogs first), then the shell itself.
                if (App.TopRunnable is { } top && !ReferenceEquals(top, Shell))
                {
                    App.RequestStop(top);
                }
                else
                {
                    ForcedQuit = true;
                    Shell.QuitWithoutConfirmation();
                }

                return;
            }

            var step = steps[next];
            if (clock.Elapsed > Limit)
            {
                failure = $"Timed out waiting for step {next} '{step.Name}'. Screen:\n{Screen}";
                return;
            }

            bool ready;
            try
            {
                ready = step.Ready();
            }
            catch (Exception ex)
            {
                failure = $"Step {next} '{step.Name}' failed while checking readiness: {ex}\nScreen:\n{Screen}";
                return;
            }

            if (!ready)
            {
                return;
            }

            next++;
            try
            {
                step.Act();
            }
            catch (Exception ex)
            {
                failure ??= $"Step {next - 1} '{step.Name}' failed: {ex}\nScreen:\n{Screen}";
            }
        }

        App.Iteration += OnIteration;
        try
        {
            App.Run(Shell);
        }
        finally
        {
            App.Iteration -= OnIteration;
        }

        Assert.True(failure is null, failure);
        Assert.Equal(steps.Length, next);
    }

    public void Dispose()
    {
        Shell.Dispose();
        App.Dispose();
    }
}
