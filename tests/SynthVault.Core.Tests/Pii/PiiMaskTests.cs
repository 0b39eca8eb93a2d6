using SynthVault.Core.Pii;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Tests.Pii;

public sealed class PiiMaskTests
{
    [Theory]
    [InlineData("john.smith@example.com", PiiKind.Email, "j***@e***.com")]
    [InlineData("4111 1111 1111 1111", PiiKind.CreditCard, "4111 **** **** 1111")]
    [InlineData("4111111111111111", PiiKind.CreditCard, "4111********1111")]
    [InlineData("DE89 3704 0044 0532 0130 00", PiiKind.Iban, "DE** **** **** **** **** 00")]
    [InlineData("536-90-4399", PiiKind.UsSsn, "***-**-4399")]
    [InlineData("+44 20 7946 0018", PiiKind.Phone, "+** ** **** **18")]
    [InlineData("192.168.1.10", PiiKind.IpAddress, "192.*.*.*")]
    [InlineData("2001:db8::1", PiiKind.IpAddress, "2001:****:****")]
    [InlineData("John Smith", PiiKind.PersonName, "J*** S***")]
    [InlineData("221B Baker Street", PiiKind.Address, "#*** B*** S***")]
    [InlineData("1987-03-14", PiiKind.DateOfBirth, "1987-**-**")]
    [InlineData("14/03/1987", PiiKind.DateOfBirth, "**/**/****")]
    public void Each_kind_is_masked_to_its_documented_shape(string value, PiiKind kind, string expected) =>
        Assert.Equal(expected, PiiMask.Mask(value, kind));

    [Theory]
    [InlineData("J", PiiKind.PersonName)]
    [InlineData("1234", PiiKind.UsSsn)]
    [InlineData("a@b", PiiKind.Email)]
    public void A_value_too_short_to_mask_partly_is_hidden_whole(string value, PiiKind kind)
    {
        var masked = PiiMask.Mask(value, kind);

        Assert.NotEqual(value, masked);
        Assert.Contains('*', masked);
    }

    [Fact]
    public void The_shape_of_an_identifier_keeps_its_format_but_no_content() =>
        Assert.Equal("XXXX-99999-xx", PiiMask.Shape("CUST-00123-ab"));
}
