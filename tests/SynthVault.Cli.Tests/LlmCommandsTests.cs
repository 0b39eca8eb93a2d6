using System.Text.Json;
using SynthVault.Testing;
using SynthVault.Testing.Gguf;

namespace SynthVault.Cli.Tests;

public sealed class LlmCommandsTests : IDisposable
{
    private readonly TempDirectory dir = new("synthvault-cli-llm");
    private readonly string model;

    public LlmCommandsTests()
    {
        Directory.CreateDirectory(dir.File("models"));
        model = TinyLlamaGguf.Write(Path.Combine(dir.File("models"), "tiny.gguf"), TinyLlamaSpec.Test);
    }

    public void Dispose() => dir.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Llm_list_shows_the_models_in_the_folder()
    {
        var (code, output, _) = Run("llm", "list", "--models", dir.File("models"));

        Assert.Equal(0, code);
        Assert.Contains("tiny.gguf", output, StringComparison.Ordinal);
        Assert.Contains("llama", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Llm_info_json_reports_metadata_and_the_loaded_cpu_build()
    {
        var (code, output, _) = Run("llm", "info", "tiny", "--models", dir.File("models"), "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("llama", doc.RootElement.GetProperty("architecture").GetString());
        Assert.Equal(TinyLlamaSpec.Test.ParameterCount, doc.RootElement.GetProperty("parameterCount").GetInt64());
        Assert.Contains(doc.RootElement.GetProperty("backend").GetString(), new[] { "noavx", "avx", "avx2", "avx512" });
    }

    [Fact]
    public void Llm_generate_with_a_schema_prints_only_valid_json_documents()
    {
        var schema = dir.File("row.json");
        File.WriteAllText(schema, """{"type":"object","properties":{"age":{"type":"integer","minimum":18,"maximum":90},"ok":{"type":"boolean"}},"required":["age","ok"]}""");

        var (code, output, error) = Run("llm", "generate", model, "--prompt", "A row", "--schema", schema, "--n", "3", "--seed", "9");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.InRange(doc.RootElement.GetProperty("age").GetInt32(), 18, 90);
        }
    }

    [Theory]
    [InlineData("--max-tokens", "0", "error: --max-tokens must be at least 1, got 0.")]
    [InlineData("--max-tokens", "-5", "error: --max-tokens must be at least 1, got -5.")]
    [InlineData("--n", "0", "error: --n must be at least 1, got 0.")]
    [InlineData("--schema", "missing.json", "error: missing.json: the schema file does not exist.")]
    public void Bad_generate_options_fail_with_one_line_and_nothing_on_stdout(string option, string value, string expected)
    {
        var (code, output, error) = Run("llm", "generate", model, "--prompt", "hi", option, value);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(expected, error.TrimEnd());
    }

    [Fact]
    public void An_unsupported_schema_is_named_in_the_error()
    {
        var schema = dir.File("bad.json");
        File.WriteAllText(schema, """{"type":"string","pattern":"^x"}""");

        var (code, output, error) = Run("llm", "generate", model, "--prompt", "hi", "--schema", schema);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: bad.json: unsupported JSON Schema at #: keyword 'pattern' is not supported here", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_gguf_fails_with_one_clear_line()
    {
        var fake = dir.File("notes.gguf");
        File.WriteAllText(fake, "hello");

        var (code, output, error) = Run("llm", "info", fake);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: notes.gguf: not a GGUF model", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prompt_longer_than_the_context_fails_with_one_clear_line()
    {
        var (code, output, error) = Run("llm", "generate", model, "--prompt", new string('x', 1100));

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: the prompt is ", error, StringComparison.Ordinal);
        Assert.Contains("longer than the context of 1024 tokens", error, StringComparison.Ordinal);
    }
}
