using SynthVault.Core.Pii;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Tests.Pii;

public sealed class ColumnNameHintsTests
{
    [Theory]
    [InlineData("customerId", new[] { "customer", "id" })]
    [InlineData("CustomerID", new[] { "customer", "id" })]
    [InlineData("IDNumber", new[] { "id", "number" })]
    [InlineData("first_name", new[] { "first", "name" })]
    [InlineData("address2", new[] { "address", "2" })]
    [InlineData("E-Mail Address", new[] { "e", "mail", "address" })]
    public void Names_split_into_lower_case_tokens_at_separators_and_humps(string name, string[] expected) =>
        Assert.Equal(expected, ColumnNameHints.Tokenize(name));

    [Theory]
    [InlineData("email", PiiKind.Email)]
    [InlineData("E-Mail Address", PiiKind.Email)]
    [InlineData("ip_address", PiiKind.IpAddress)]
    [InlineData("home_address", PiiKind.Address)]
    [InlineData("phoneNumber", PiiKind.Phone)]
    [InlineData("card_number", PiiKind.CreditCard)]
    [InlineData("card_type", PiiKind.None)]
    [InlineData("IBAN", PiiKind.Iban)]
    [InlineData("ssn", PiiKind.UsSsn)]
    [InlineData("dob", PiiKind.DateOfBirth)]
    [InlineData("DateOfBirth", PiiKind.DateOfBirth)]
    [InlineData("first_name", PiiKind.PersonName)]
    [InlineData("surname", PiiKind.PersonName)]
    [InlineData("customer_name", PiiKind.PersonName)]
    [InlineData("name", PiiKind.PersonName)]
    [InlineData("product_name", PiiKind.None)]
    [InlineData("filename", PiiKind.None)]
    [InlineData("user_name", PiiKind.None)]
    [InlineData("passport_no", PiiKind.Other)]
    [InlineData("age", PiiKind.None)]
    [InlineData("education", PiiKind.None)]
    public void Column_names_suggest_the_expected_personal_data_kind(string name, PiiKind expected) =>
        Assert.Equal(expected, ColumnNameHints.PiiHint(name).Kind);

    [Theory]
    [InlineData("is_fraud", true)]
    [InlineData("Class", true)]
    [InlineData("label", true)]
    [InlineData("churned", true)]
    [InlineData("income", false)]
    [InlineData("sex", false)]
    [InlineData("classification_score", false)]
    public void Label_hints_come_from_whole_tokens(string name, bool expected) =>
        Assert.Equal(expected, ColumnNameHints.IsLabelHint(name, out _));
}
