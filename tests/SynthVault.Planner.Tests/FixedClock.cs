namespace SynthVault.Planner.Tests;

/// <summary>A clock stopped at a given UTC date, so staleness checks never depend on when the tests run.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static FixedClock On(int year, int month, int day) => new(new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
