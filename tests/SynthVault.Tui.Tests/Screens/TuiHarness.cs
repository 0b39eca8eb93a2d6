using System.Runtime.CompilerServices;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Tests.Screens;

/// <summary>Keeps Terminal.Gui away from the real terminal in every test of this assembly.</summary>
internal static class HeadlessDriver
{
    [ModuleInitializer]
    internal static void DisableRealTerminal() => Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
}

/// <summary>The screen tests share Terminal.Gui's process-wide configuration, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TuiCollection
{
    public const string Name = "tui";
}

/// <summary>
/// A real Terminal.Gui application on the headless ANSI driver at 80×24 with one screen in a window: keys are
/// injected the way the input processor raises them, the screen is laid out and drawn into the driver's buffer, and
/// work posted to the UI thread (<see cref="IApplication.Invoke(Action)"/>) runs when the test pumps it.
/// </summary>
internal sealed class TuiHarness : IDisposable
{
    private readonly Window window;

    public TuiHarness(View screen, int width = 80, int height = 24)
    {
        App = Application.Create();
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
        window = new Window { Title = "SynthVault" };
        window.Add(screen);
        App.Begin(window);
        screen.SetFocus();
        App.LayoutAndDraw();
    }

    public IApplication App { get; }

    /// <summary>Presses keys in order, then redraws.</summary>
    public void Press(params Key[] keys)
    {
        foreach (var key in keys)
        {
            App.InjectKey(key);
        }

        App.LayoutAndDraw();
    }

    /// <summary>Types text into whatever has the focus.</summary>
    public void Type(string text)
    {
        foreach (var c in text)
        {
            App.InjectKey(new Key(c));
        }

        App.LayoutAndDraw();
    }

    /// <summary>The screen as text, one line per row.</summary>
    public string Screen()
    {
        App.LayoutAndDraw(forceRedraw: true);
        return App.Driver!.ToString() ?? string.Empty;
    }

    /// <summary>Runs work posted to the UI thread until <paramref name="done"/> holds; fails after 10 s.</summary>
    public void PumpUntil(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the screen did not reach the expected state within 10 s");
            App.TimedEvents!.RunTimers();
            Thread.Sleep(2);
        }

        App.LayoutAndDraw();
    }

    public void Dispose()
    {
        window.Dispose();
        App.Dispose();
    }
}

/// <summary>A clock that moves only when told to, so the seconds recorded per item are exact.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => ticks;

    public void Advance(TimeSpan by) => ticks += by.Ticks;
}
