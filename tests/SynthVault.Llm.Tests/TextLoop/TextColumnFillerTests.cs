using System.Text.Json;
using System.Text.RegularExpressions;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Llm.TextLoop;
using SynthVault.Testing.Text;

namespace SynthVault.Llm.Tests.TextLoop;

/// <summary>Filling a text column per row, conditioned on the row's other (non-personal) values.</summary>
public sealed partial class TextColumnFillerTests
{
    private static readonly string[] Categories = ["grocery", "travel", "fuel", "dining"];

    private static Table Transactions(int rows)
    {
        var category = new string[rows];
        var amount = new double[rows];
        var email = new string?[rows];
        var memo = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            category[i] = Categories[i % 4];
            amount[i] = 10 + (i * 3.25);
            email[i] = $"customer{i}@example.org";
            // Half the rows have a real memo, some with a real phone number; the rest are to be filled.
            memo[i] = i % 2 == 0 ? (i % 6 == 0 ? $"Call 0845 281 00{i:D2} about {category[i]} charge" : $"{category[i]} purchase week {i}") : null;
        }

        return new Table([StringColumn.FromValues("category", category), new Float64Column("amount", amount), StringColumn.FromValues("email", email), StringColumn.FromValues("memo", memo)]);
    }

    /// <summary>Answers with a memo naming the record's category; rows whose amount ends in .5 first get a real e-mail from the table.</summary>
    private static ScriptedTextGenerator Memos() => new(request =>
    {
        var prompt = request.Messages![^1].Text;
        var category = CategoryPattern().Match(prompt).Groups[1].Value;
        var leaky = HalfAmountPattern().IsMatch(prompt) && request.Sampler.Temperature < 0.85f;
        var text = leaky ? $"refund to customer3@example.org for {category}" : $"{category} {ScriptedTextGenerator.WordSalad(request.Sampler.Seed, 0, 4)}";
        return JsonSerializer.Serialize(new { text });
    });

    [Fact]
    public async Task Every_row_gets_a_text_that_fits_its_values_and_personal_columns_never_reach_a_prompt()
    {
        var table = Transactions(24);
        var generator = Memos();

        var result = await new TextColumnFiller(generator, ScriptedTextGenerator.Permissive(), new TextFillOptions { RequestsPerBatch = 5, Seed = 3, MinTemperature = 0.9f })
            .FillAsync(table, "memo", ["email"], null, CancellationToken.None);

        Assert.Equal(24, result.Table.RowCount);
        Assert.Equal(0, result.Failed);
        Assert.Equal(24, result.Filled);
        for (var r = 0; r < 24; r++)
        {
            var memo = (string)result.Table["memo"].GetValue(r)!;
            Assert.StartsWith((string)table["category"].GetValue(r)!, memo, StringComparison.Ordinal);
            Assert.DoesNotContain("@", memo, StringComparison.Ordinal);
        }

        Assert.All(generator.Seen, r => Assert.DoesNotContain("@example.org", r.Messages![^1].Text, StringComparison.Ordinal));
        Assert.All(generator.Seen, r => Assert.DoesNotContain("0845 281", r.Messages![^1].Text, StringComparison.Ordinal));
        Assert.Contains(generator.Seen, r => r.Messages![^1].Text.Contains("[PHONE]", StringComparison.Ordinal));
        Assert.Equal("fill", result.Report.Metadata.Mode);
        Assert.Equal(0, result.Report.Pii.OutputLeaks);
    }

    [Fact]
    public async Task A_text_repeating_a_value_of_a_personal_column_is_rejected_and_the_row_tried_again()
    {
        var result = await new TextColumnFiller(Memos(), null, new TextFillOptions { Seed = 5, MinTemperature = 0.7f, MaxTemperature = 1.0f })
            .FillAsync(Transactions(40), "memo", ["email"], null, CancellationToken.None);

        Assert.True(result.RejectedByReason.GetValueOrDefault("pii-leak") > 0, string.Join(",", result.RejectedByReason));
        for (var r = 0; r < result.Table.RowCount; r++)
        {
            Assert.DoesNotContain("@", (string?)result.Table["memo"].GetValue(r) ?? "", StringComparison.Ordinal);
        }

        Assert.Equal(40, result.Filled + result.Failed);
    }

    [Fact]
    public async Task A_row_sample_is_seeded_and_keeps_table_order()
    {
        var table = Transactions(30);
        var options = new TextFillOptions { Rows = 7, Seed = 9 };

        var first = await new TextColumnFiller(Memos(), null, options).FillAsync(table, "memo", ["email"], null, CancellationToken.None);
        var second = await new TextColumnFiller(Memos(), null, options).FillAsync(table, "memo", ["email"], null, CancellationToken.None);

        Assert.Equal(7, first.Table.RowCount);
        var amounts = Enumerable.Range(0, 7).Select(r => (double)first.Table["amount"].GetValue(r)!).ToList();
        Assert.Equal(amounts.Order(), amounts);
        Assert.Equal(amounts, Enumerable.Range(0, 7).Select(r => (double)second.Table["amount"].GetValue(r)!));
        Assert.Equal(Enumerable.Range(0, 7).Select(r => first.Table["memo"].GetValue(r)), Enumerable.Range(0, 7).Select(r => second.Table["memo"].GetValue(r)));
    }

    [Fact]
    public async Task A_missing_or_numeric_column_is_a_clear_error()
    {
        var filler = new TextColumnFiller(Memos());

        var missing = await Assert.ThrowsAsync<SynthVaultException>(() => filler.FillAsync(Transactions(4), "note", [], null, CancellationToken.None));
        var numeric = await Assert.ThrowsAsync<SynthVaultException>(() => filler.FillAsync(Transactions(4), "amount", [], null, CancellationToken.None));

        Assert.Contains("no column 'note'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("not text", numeric.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("amount=\\d+\\.5\\b")]
    private static partial Regex HalfAmountPattern();

    [GeneratedRegex("category=(\\w+)")]
    private static partial Regex CategoryPattern();
}
