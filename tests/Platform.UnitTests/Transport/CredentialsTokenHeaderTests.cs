using Platform.Ocpi.Transport;

namespace Platform.UnitTests.Transport;

public class CredentialsTokenHeaderTests
{
    [Fact]
    public void Encodes_base64_without_a_trailing_newline() =>
        Assert.Equal("Token ZXhhbXBsZS10b2tlbg==", CredentialsTokenHeader.Encode("example-token"));

    [Fact]
    public void Encodes_raw_for_peers_that_need_it() =>
        Assert.Equal("Token example-token", CredentialsTokenHeader.Encode("example-token", raw: true));

    [Fact]
    public void Decodes_base64_first_then_offers_the_raw_reading() =>
        Assert.Equal(["example-token", "ZXhhbXBsZS10b2tlbg=="], CredentialsTokenHeader.Candidates("Token ZXhhbXBsZS10b2tlbg=="));

    [Fact]
    public void A_raw_token_that_is_not_base64_is_taken_as_is() =>
        Assert.Equal(["example-token"], CredentialsTokenHeader.Candidates("Token example-token"));

    [Fact]
    public void The_errata_examples_trailing_newline_is_tolerated() =>
        // "ZXhhbXBsZS10b2tlbgo=" is base64("example-token\n"), as the 2.2.1 errata text prints it.
        Assert.Equal("example-token", CredentialsTokenHeader.Candidates("Token ZXhhbXBsZS10b2tlbgo=")[0]);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Token")]
    [InlineData("Token ")]
    [InlineData("Bearer abc")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Token abc def")]
    [InlineData("Token abc\u0001")]
    public void Malformed_headers_give_no_candidates(string? header) => Assert.Empty(CredentialsTokenHeader.Candidates(header));

    [Fact]
    public void Scheme_is_matched_case_insensitively() =>
        Assert.Equal(["example-token"], CredentialsTokenHeader.Candidates("token example-token"));

    [Fact]
    public void Base64_of_binary_is_not_offered_as_a_decoded_token() =>
        // "AAEC" decodes to bytes 00 01 02: not token text, so only the raw reading remains.
        Assert.Equal(["AAEC"], CredentialsTokenHeader.Candidates("Token AAEC"));
}
