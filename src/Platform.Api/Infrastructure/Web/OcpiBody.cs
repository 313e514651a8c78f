using System.Reflection;
using Platform.Ocpi.Json;

namespace Platform.Api.Infrastructure.Web;

/// <summary>
/// Binds an OCPI request body. Broken JSON is refused with HTTP 400; JSON that does not fit the object (wrong
/// type, unknown enum value, DateTime with an offset) with OCPI 2001 naming the JSON path. Either way nothing
/// reaches a handler, so nothing is changed.
/// </summary>
public sealed class OcpiBody<T> where T : class
{
    private OcpiBody(T value) => Value = value;

    public T Value { get; }

    public static async ValueTask<OcpiBody<T>?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        using var buffer = new MemoryStream();
        try
        {
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new RequestRejectedException(RejectionKind.TooLarge, e.Message);
        }
        if (OcpiJson.TryRead<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), out var value, out var error))
            return new OcpiBody<T>(value);
        throw error.Kind == JsonReadErrorKind.Syntax
            ? new RequestRejectedException(RejectionKind.MalformedJson, $"Request body is not valid JSON: {error}")
            : new RequestRejectedException(RejectionKind.Invalid, $"Invalid {typeof(T).Name}: {error}");
    }
}

/// <summary>An OCPI request body that may be absent (e.g. the LocationReferences of Tokens authorize); present, it is
/// read like <see cref="OcpiBody{T}"/>.</summary>
public sealed class OcpiOptionalBody<T> where T : class
{
    private OcpiOptionalBody(T? value) => Value = value;

    public T? Value { get; }

    public static async ValueTask<OcpiOptionalBody<T>?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        if (http.Request.ContentLength is 0 || (http.Request.ContentLength is null && !http.Request.Headers.TransferEncoding.Any()))
            return new OcpiOptionalBody<T>(null);
        var body = await OcpiBody<T>.BindAsync(http, parameter);
        return new OcpiOptionalBody<T>(body!.Value);
    }
}
