using System.Net;
using Platform.Api.Tenancy;
using Platform.IntegrationTests.Infrastructure;
using Platform.Ocpi.Transport;

namespace Platform.IntegrationTests.Foundation;

/// <summary>Over Kestrel: an OCPI answer goes out whole with its Content-Length, never chunked.</summary>
public sealed class AnswerFramingTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PlatformInstance _platform = null!;

    public async ValueTask InitializeAsync() => _platform = await PlatformInstance.StartAsync();

    public async ValueTask DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task Answers_and_refusals_carry_their_length_and_are_not_chunked()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_platform.Url) };
        var token = await TestData.IssueTokenAsync(_platform.Services, CredentialsTokenKind.A);
        using var known = new HttpRequestMessage(HttpMethod.Get, "/ocpi/versions");
        known.Headers.TryAddWithoutValidation("Authorization", CredentialsTokenHeader.Encode(token));

        foreach (var (response, status) in new[] { (await http.SendAsync(known, Ct), HttpStatusCode.OK), (await http.GetAsync("/ocpi/versions", Ct), HttpStatusCode.Unauthorized) })
        {
            Assert.Equal(status, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
            Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            Assert.StartsWith("{", System.Text.Encoding.UTF8.GetString(bytes));
        }
    }
}
