using SynthVault.Core.Pii;

namespace SynthVault.Core.Tests.Pii;

public sealed class PiiValidatorsTests
{
    [Theory]
    [InlineData("jane.doe@example.com")]
    [InlineData("j_o+tag@mail.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    [InlineData("X@ab.museum")]
    public void Well_formed_email_addresses_validate(string value) => Assert.True(PiiValidators.IsEmail(value));

    [Theory]
    [InlineData("jane.doe@example")]
    [InlineData("jane..doe@example.com")]
    [InlineData(".jane@example.com")]
    [InlineData("jane@-example.com")]
    [InlineData("jane@example.c")]
    [InlineData("jane@example.123")]
    [InlineData("jane@@example.com")]
    [InlineData("jane doe@example.com")]
    [InlineData("@example.com")]
    public void Malformed_email_addresses_do_not_validate(string value) => Assert.False(PiiValidators.IsEmail(value));

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("5500000000000004")]
    [InlineData("340000000000009")]
    [InlineData("6011000000000004")]
    [InlineData("2221000000000009")]
    [InlineData("3530111333300000")]
    public void Luhn_valid_numbers_with_an_issuer_prefix_are_cards(string value) => Assert.True(PiiValidators.IsCreditCard(value));

    [Theory]
    [InlineData("4111111111111112")] // Luhn fails
    [InlineData("1234567812345670")] // Luhn passes, no issuer starts with 1
    [InlineData("0000000000000000")] // all one digit
    [InlineData("4111 1111-1111 1111")] // mixed separators
    [InlineData("411111111111111")] // Visa issues 13, 16 or 19 digits, not 15
    [InlineData("4111  1111 1111 1111")] // doubled separator
    [InlineData("41111111111111111111")] // 20 digits
    public void Numbers_that_fail_Luhn_or_have_no_issuer_are_not_cards(string value) => Assert.False(PiiValidators.IsCreditCard(value));

    [Theory]
    [InlineData("DE89370400440532013000")]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("GB29NWBK60161331926819")]
    [InlineData("fr1420041010050500013m02606")]
    [InlineData("NL91ABNA0417164300")]
    public void Ibans_with_valid_check_digits_and_registry_length_validate(string value) => Assert.True(PiiValidators.IsIban(value));

    [Theory]
    [InlineData("DE88370400440532013000")] // wrong check digits
    [InlineData("DE8937040044053201300")] // one short for Germany
    [InlineData("XX89370400440532013000")] // no such country
    [InlineData("DE89-3704-0044-0532-0130-00")] // dashes are not IBAN separators
    public void Ibans_with_wrong_checks_lengths_or_countries_do_not_validate(string value) => Assert.False(PiiValidators.IsIban(value));

    [Theory]
    [InlineData("536-90-4399", false)]
    [InlineData("536 90 4399", false)]
    [InlineData("536.90.4399", false)]
    [InlineData("536904399", true)]
    public void Ssns_that_pass_Presidio_rules_validate(string value, bool undelimited) =>
        Assert.True(PiiValidators.IsUsSsn(value, undelimited));

    [Theory]
    [InlineData("000-12-3456")] // area 000
    [InlineData("666-12-3456")] // area 666
    [InlineData("912-12-3456")] // 9xx: never assigned (ITIN range)
    [InlineData("123-00-4567")] // group 00
    [InlineData("123-45-0000")] // serial 0000
    [InlineData("123-45-6789")] // Presidio's known sample
    [InlineData("078-05-1120")] // the Woolworth wallet card
    [InlineData("987-65-4320")] // Presidio: starts with 98765432
    [InlineData("111-11-1111")] // all one digit
    [InlineData("536-90.4399")] // mismatched delimiters
    [InlineData("536904399")] // bare digits need a name hint
    public void Ssns_that_break_Presidio_rules_do_not_validate(string value) => Assert.False(PiiValidators.IsUsSsn(value));

    [Theory]
    [InlineData("192.168.1.10", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:db8::8a2e:370:7334", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:192.0.2.128", true)]
    [InlineData("1", false)] // IPAddress.TryParse accepts this as 0.0.0.1
    [InlineData("1.2", false)]
    [InlineData("256.1.1.1", false)]
    [InlineData("010.1.1.1", false)]
    [InlineData("1.2.3.4.5", false)]
    [InlineData("12:30:45", false)]
    [InlineData("v1.2.3", false)]
    public void Ip_addresses_are_parsed_strictly(string value, bool expected) => Assert.Equal(expected, PiiValidators.IsIpAddress(value));

    [Theory]
    [InlineData("+44 20 7946 0018", false, true)]
    [InlineData("(555) 123-4567", false, true)]
    [InlineData("555.123.4567", false, true)]
    [InlineData("1 555 123 4567", false, true)]
    [InlineData("07700 900123", false, true)]
    [InlineData("09061701461", false, true)]
    [InlineData("01 23 45 67 89", false, true)]
    [InlineData("5551234567", false, false)] // bare 10 digits could be any number
    [InlineData("5551234567", true, true)] // ... unless the column is named like a phone
    [InlineData("2024-01-15", false, false)]
    [InlineData("123456", true, false)] // too short even with a hint
    [InlineData("1234567890123456", true, false)] // longer than E.164 allows
    [InlineData("0.1234567", false, false)]
    [InlineData("555-1234 ext", false, false)]
    public void Phone_numbers_need_a_phone_shape_unless_the_name_says_phone(string value, bool hinted, bool expected) =>
        Assert.Equal(expected, PiiValidators.IsPhone(value, hinted));

    [Theory]
    [InlineData("221B Baker Street", true)]
    [InlineData("1600 Pennsylvania Ave NW", true)]
    [InlineData("12 rue de la Paix", true)]
    [InlineData("Hauptstraße 5", true)]
    [InlineData("PO Box 1234", true)]
    [InlineData("Baker Street", false)]
    [InlineData("12 apples", false)]
    [InlineData("Married-civ-spouse", false)]
    public void Street_addresses_need_a_house_number_and_a_street_word(string value, bool expected) =>
        Assert.Equal(expected, PiiValidators.IsStreetAddress(value));

    [Fact]
    public void Generated_valid_identifiers_validate_and_their_broken_twins_do_not()
    {
        Assert.All(PlantedPii.ValidCards(200, 1), c => Assert.True(PiiValidators.IsCreditCard(c), c));
        Assert.All(PlantedPii.LuhnInvalidCards(200, 2), c => Assert.False(PiiValidators.IsCreditCard(c), c));
        Assert.All(PlantedPii.ValidIbans(200, 3), c => Assert.True(PiiValidators.IsIban(c), c));
        Assert.All(PlantedPii.InvalidIbans(200, 3), c => Assert.False(PiiValidators.IsIban(c), c));
        Assert.All(PlantedPii.ValidSsns(200, 4), c => Assert.True(PiiValidators.IsUsSsn(c), c));
        Assert.All(PlantedPii.Emails(200, 5), c => Assert.True(PiiValidators.IsEmail(c), c));
        Assert.All(PlantedPii.Phones(200, 6), c => Assert.True(PiiValidators.IsPhone(c), c));
    }
}
