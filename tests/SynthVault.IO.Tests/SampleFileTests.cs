using SynthVault.Core.Data;
using SynthVault.Testing;

namespace SynthVault.IO.Tests;

/// <summary>The bundled real data sets read with the right shape, types and values (TestData parses them independently).</summary>
public sealed class SampleFileTests
{
    [Fact]
    public void Adult_reads_as_integers_and_categories_equal_to_a_plain_split()
    {
        var result = TableFile.Read(RepoPaths.AdultCsv);
        var t = result.Table;
        var expected = TestData.Adult;
        Assert.Equal(30_162, t.RowCount);
        Assert.Equal(expected.ColumnNames, t.ColumnNames);
        Assert.Empty(result.Warnings);
        foreach (var column in expected.Columns)
        {
            Assert.Equal(column.DataType, t[column.Name].DataType);
            for (var i = 0; i < t.RowCount; i++)
            {
                Assert.Equal(column.GetValue(i), t[column.Name].GetValue(i));
            }
        }
    }

    [Fact]
    public void Credit_card_reads_with_a_generated_name_for_the_unnamed_index_and_exact_doubles()
    {
        var result = TableFile.Read(RepoPaths.CreditCardCsv);
        var t = result.Table;
        Assert.Equal(1_722, t.RowCount);
        Assert.Equal(32, t.ColumnCount);
        Assert.Equal("column_0", t[0].Name);
        Assert.Equal(DataType.Int64, t[0].DataType);
        Assert.Contains(result.Warnings, w => w.Contains("'column_0'", StringComparison.Ordinal));

        // Every double must be bit-identical to double.Parse (TestData), which rounds correctly.
        var expected = TestData.CreditCard;
        foreach (var column in expected.Columns)
        {
            Assert.Equal(column.DataType, t[column.Name].DataType);
            var actual = t[column.Name].ToDoubles();
            var reference = column.ToDoubles();
            for (var i = 0; i < reference.Length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(reference[i]), BitConverter.DoubleToInt64Bits(actual[i]));
            }
        }

        Assert.Equal(492, ((Int64Column)t["Class"]).Values.ToArray().Count(v => v == 1));
    }

    [Fact]
    public void Sms_spam_reads_as_tab_separated_text_with_quotes_kept_literally()
    {
        var result = TableFile.Read(RepoPaths.SmsSpamTsv);
        var t = result.Table;
        var expected = TestData.SmsSpam();
        Assert.Equal(["Label", "SMS"], t.ColumnNames);
        Assert.Equal(expected.Count, t.RowCount);
        var label = Assert.IsType<StringColumn>(t["Label"]);
        var text = Assert.IsType<StringColumn>(t["SMS"]);
        Assert.Equal(2, label.Dictionary.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Label, label[i]);
            Assert.Equal(expected[i].Text, text[i]);
        }

        Assert.Contains(result.Warnings, w => w.Contains("Quotes are read as ordinary characters", StringComparison.Ordinal));
    }
}
