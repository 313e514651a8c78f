using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Platform.Ocpi.Json;

namespace Platform.Api.Admin;

/// <summary>
/// Admin answers are snake_case JSON like OCPI, with DateTimes in UTC. The typed results below also tell the OpenAPI
/// document what an operation answers (<see cref="IEndpointMetadataProvider"/>), so no endpoint repeats its type.
/// </summary>
public static class AdminJson
{
    public static IResult Ok(object value) => Results.Json(value, OcpiJson.Options);

    /// <summary>201 with a <c>Location</c> header: <paramref name="location"/>, or the request's own path when null (a PUT
    /// creates the resource it names).</summary>
    public static IResult Created(object value, string? location = null) => new AdminCreated<object>(value, location);

    public static async Task<AdminOk<T>> Ok<T>(this ValueTask<T> pending) where T : notnull => new(await pending);

    public static async Task<AdminCreated<T>> Created<T>(this ValueTask<T> pending, Func<T, string> location) where T : notnull
    {
        var value = await pending;
        return new AdminCreated<T>(value, location(value));
    }

    internal static void Produces(EndpointBuilder builder, int status, Type type) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, type, ["application/json"]));
}

/// <summary>200 with <typeparamref name="T"/> as JSON.</summary>
public sealed record AdminOk<T>(T Value) : IResult, IEndpointMetadataProvider where T : notnull
{
    public Task ExecuteAsync(HttpContext httpContext) => AdminJson.Ok(Value).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => AdminJson.Produces(builder, StatusCodes.Status200OK, typeof(T));
}

/// <summary>201 with <typeparamref name="T"/> as JSON and <c>Location</c> (the request's path when null).</summary>
public sealed record AdminCreated<T>(T Value, string? Location) : IResult, IEndpointMetadataProvider where T : notnull
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = Location ?? $"{httpContext.Request.PathBase}{httpContext.Request.Path}";
        return Results.Json(Value, OcpiJson.Options, statusCode: StatusCodes.Status201Created).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => AdminJson.Produces(builder, StatusCodes.Status201Created, typeof(T));
}

/// <summary>202 with <typeparamref name="T"/>: the work is queued; <typeparamref name="T"/> says how to follow it.</summary>
public sealed record AdminAccepted<T>(T Value) : IResult, IEndpointMetadataProvider where T : notnull
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        Results.Json(Value, OcpiJson.Options, statusCode: StatusCodes.Status202Accepted).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => AdminJson.Produces(builder, StatusCodes.Status202Accepted, typeof(T));
}

/// <summary>
/// A PUT or PATCH of an OCPI object: 201 (Location: the request's path) when it created the object, else 200, with the
/// object as stored; <typeparamref name="TSchema"/> is the OCPI type the document shows for it.
/// </summary>
public sealed record AdminWritten<TSchema>(bool Created, object Value) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) => (Created ? AdminJson.Created(Value) : AdminJson.Ok(Value)).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        AdminJson.Produces(builder, StatusCodes.Status200OK, typeof(TSchema));
        AdminJson.Produces(builder, StatusCodes.Status201Created, typeof(TSchema));
    }
}
