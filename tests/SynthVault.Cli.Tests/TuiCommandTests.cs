using static SynthVault.Cli.Tests.CliRunner;

namespace SynthVault.Cli.Tests;

/// <summary><c>synthvault tui</c> from the CLI host: it must never wait for keys on a pipe.</summary>
public sealed class TuiCommandTests
{
    [Fact]
    public void Tui_with_captured_output_refuses_in_one_line_with_exit_code_1()
    {
        var (code, output, err) = Run("tui");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        AssertOneErrorLine(err, "needs an interactive terminal");
    }

    [Fact]
    public void Tui_takes_an_optional_path_and_is_listed_in_the_help()
    {
        var (helpCode, help, _) = Run("tui", "--help");
        var (code, _, err) = Run("tui", "data.csv");

        Assert.Equal(0, helpCode);
        Assert.Contains("[<path>]", help, StringComparison.Ordinal);
        Assert.Equal(1, code);
        AssertOneErrorLine(err, "interactive terminal");
    }
}
