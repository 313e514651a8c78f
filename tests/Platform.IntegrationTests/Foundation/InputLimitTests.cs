using System.Net;
using System.Net.Http.Json;
using System.Text;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Foundation;

/// <summary>Bodies over Ocpi:MaxBodyBytes are 413 on both surfaces; admin strings and lists have limits.</summary>
public sealed class InputLimitTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PlatformInstance _platform = null!;

    public async ValueTask InitializeAsync()
    {
        _platform = await PlatformInstance.StartAsync();
        await _platform.CreatePartyAsync("NL", "CPO", "CPO");
    }

    public async ValueTask DisposeAsync() => await _platform.DisposeAsync();

    /// <summary>A JSON string just over the 4 MB default.</summary>
    private static string Oversized() => "{\"id\":\"" + new string('x', 4 * 1024 * 1024 + 10_000) + "\"}";

    /// <summary>
    /// Announces a 40 MB body, sends 1 MB of it and reads the answer: the server answers before the rest arrives and
    /// may close the connection while a client is still sending, so a plain HttpClient call could fail writing.
    /// </summary>
    private async Task<string> AnswerToOversizedPutAsync(string path, string authorization)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _platform.Port, Ct);
        var stream = tcp.GetStream();
        var head = $"PUT {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {40 * 1024 * 1024}\r\n" +
                   $"Authorization: {authorization}\r\n\r\n";
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"id\":\"" + new string('x', 1024 * 1024)), Ct);
        }
        catch (IOException)
        {
        }
        var buffer = new byte[8192];
        var read = await stream.ReadAsync(buffer, Ct);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    [Fact]
    public async Task An_oversized_admin_body_is_413_problem_details()
    {
        var answer = await AnswerToOversizedPutAsync("/admin/parties/NL/CPO/cpo/locations/BIG", $"Bearer {PlatformFactory.AdminKey}");

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("Ocpi:MaxBodyBytes", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_OCPI_body_is_413_with_an_envelope()
    {
        var answer = await AnswerToOversizedPutAsync("/ocpi/2.2.1/receiver/locations/NL/CPO/BIG", "Token whatever");

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("\"status_code\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_chunked_admin_body_without_content_length_is_413_too()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Oversized())));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/admin/parties/NL/CPO/cpo/locations/BIG") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _platform.Admin.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_invitation_name_of_10000_characters_is_400()
    {
        var response = await _platform.Admin.PostAsJsonAsync("/admin/connections/invitations",
            new { name = new string('n', 10_000), parties = new[] { "NL*CPO" }, expires_in_hours = 1 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("name", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_internal_connection_name_of_10000_characters_is_400()
    {
        await _platform.CreatePartyAsync("NL", "MSP", "EMSP");
        var response = await _platform.Admin.PostAsJsonAsync("/admin/connections/internal",
            new { name = new string('n', 10_000), parties = new[] { "NL*CPO", "NL*MSP" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_location_with_two_EVSEs_of_one_uid_is_400_from_the_back_office()
    {
        var location = Builders.Location("NL", "CPO", "DUP1", "E1", "E1");

        var response = await _platform.Admin.PutAsJsonAsync("/admin/parties/NL/CPO/cpo/locations/DUP1", location, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("uid", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
