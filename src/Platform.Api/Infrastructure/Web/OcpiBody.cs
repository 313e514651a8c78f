using System.Reflection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Platform.Ocpi.Json;

namespace Platform.Api.Infrastructure.Web;

/// <summary>
/// Binds an OCPI request body. Broken JSON is refused with HTTP 400; JSON that does not fit the object (wrong
/// type, unknown enum value, DateTime with an offset) with OCPI 2001 naming the JSON path. Either way nothing
/// reaches a handler, so nothing is changed.
/// </summary>
public sealed class OcpiBody<T> : IEndpointParameterMetadataProvider where T : class
{
    private OcpiBody(T value) => Value = value;

    /// <summary>Tells the OpenAPI document the body is a <typeparamref name="T"/> (it is read here, not by model binding).</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) => Accepts(builder, typeof(T), isOptional: false);

    // Not AcceptsMetadata: routing would then refuse (415) a peer's body sent without a JSON Content-Type, which OCPI reads anyway.
    internal static void Accepts(EndpointBuilder builder, Type type, bool isOptional) => builder.Metadata.Add(new JsonBodyMetadata(type, isOptional));

    public T Value { get; }

    public static async ValueTask<OcpiBody<T>?> BindAsync(HttpContext http, ParameterInfo parameter) =>
        new(Read(await ReadBytesAsync(http)));

    internal static async Task<ReadOnlyMemory<byte>> ReadBytesAsync(HttpContext http)
    {
        ReadOnlyMemory<byte> bytes;
        try
        {
            bytes = await ReadAllAsync(http);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new RequestRejectedException(RejectionKind.TooLarge, e.Message);
        }
        // A body of another OCPI version is read as the 2.2.1 object it translates to (Modules/Versions); a 2.2.1 body as it is.
        return Modules.Versions.WireEdge.VersionOf(http) != Platform.Ocpi.Model.Versions.OcpiVersions.V221
            && http.RequestServices.GetService<Modules.Versions.WireEdge>() is { } edge ? await edge.InboundAsync(http, typeof(T), bytes) : bytes;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAllAsync(HttpContext http)
    {
        // A declared length within the limit is read straight into an array of that size: nearly every peer sends one.
        // Beyond the limit, or unlimited, or chunked, the body is copied as it comes, and the server refuses what is too long.
        if (http.Request.ContentLength is long length && http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is long limit
            && length <= limit)
        {
            var exact = new byte[length];
            await http.Request.Body.ReadExactlyAsync(exact, http.RequestAborted);
            return exact;
        }
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    internal static T Read(ReadOnlyMemory<byte> bytes)
    {
        if (OcpiJson.TryRead<T>(bytes.Span, out var value, out var error)) return value;
        throw error.Kind == JsonReadErrorKind.Syntax
            ? new RequestRejectedException(RejectionKind.MalformedJson, $"Request body is not valid JSON: {error}")
            : new RequestRejectedException(RejectionKind.Invalid, $"Invalid {typeof(T).Name}: {error}");
    }
}

/// <summary>
/// A PATCH body: the typed delta (read and refused like <see cref="OcpiBody{T}"/>) and the JSON object exactly as
/// the peer sent it, so a field set to an explicit <c>null</c> is seen (the typed record cannot tell null from absent).
/// </summary>
public sealed class OcpiPatch<T> : IEndpointParameterMetadataProvider where T : class
{
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) => OcpiBody<T>.Accepts(builder, typeof(T), isOptional: false);

    private OcpiPatch(T value, System.Text.Json.Nodes.JsonObject json) => (Value, Json) = (value, json);

    public T Value { get; }

    public System.Text.Json.Nodes.JsonObject Json { get; }

    public static async ValueTask<OcpiPatch<T>?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        var bytes = await OcpiBody<T>.ReadBytesAsync(http);
        var value = OcpiBody<T>.Read(bytes);
        return System.Text.Json.Nodes.JsonNode.Parse(bytes.Span) is System.Text.Json.Nodes.JsonObject json
            ? new OcpiPatch<T>(value, json)
            : throw new RequestRejectedException(RejectionKind.Invalid, $"A {typeof(T).Name} PATCH must be a JSON object");
    }
}

/// <summary>An OCPI request body that may be absent (e.g. the LocationReferences of Tokens authorize); present, it is
/// read like <see cref="OcpiBody{T}"/>.</summary>
public sealed class OcpiOptionalBody<T> : IEndpointParameterMetadataProvider where T : class
{
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) => OcpiBody<T>.Accepts(builder, typeof(T), isOptional: true);

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

/// <summary>The JSON body an endpoint reads (<see cref="OcpiBody{T}"/>), for the OpenAPI document only.</summary>
public sealed record JsonBodyMetadata(Type Type, bool IsOptional);
