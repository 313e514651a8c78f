using Platform.Ocpi.Transport;

namespace Platform.Api.Infrastructure.Web;

/// <summary>
/// What an OCPI handler answers: the HTTP status, the envelope's status code, message and data, and any extra
/// headers (paging, Location). The endpoint turns it into the envelope; handlers never touch HttpContext.
/// </summary>
public sealed record OcpiResult(int HttpStatus, int StatusCode, object? Data, string? Message,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public static OcpiResult Ok(object? data = null, string? message = null) => new(200, OcpiStatus.Success, data, message ?? "Success");

    public static OcpiResult Created(object? data = null) => new(201, OcpiStatus.Success, data, "Created");

    public static OcpiResult Page(object data, IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new(200, OcpiStatus.Success, data, "Success", headers);

    /// <summary>A business error inside the OCPI layer: HTTP 200 with a 2xxx/3xxx status (transport_and_format §Status codes).</summary>
    public static OcpiResult Error(int statusCode, string message, object? data = null) => new(200, statusCode, data, message);

    public static OcpiResult NotFound(string message, int statusCode = OcpiStatus.ClientError) => new(404, statusCode, null, message);
}
