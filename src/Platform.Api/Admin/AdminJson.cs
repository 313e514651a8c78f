using Platform.Ocpi.Json;

namespace Platform.Api.Admin;

/// <summary>Admin answers are snake_case JSON like OCPI, with DateTimes in UTC.</summary>
public static class AdminJson
{
    public static IResult Ok(object value) => Results.Json(value, OcpiJson.Options);

    /// <summary>201 with a <c>Location</c> header: <paramref name="location"/>, or the request's own path when null (a PUT
    /// creates the resource it names).</summary>
    public static IResult Created(object value, string? location = null) => new CreatedJson(value, location);

    public static async Task<IResult> Ok<T>(this ValueTask<T> pending) where T : notnull => Ok(await pending);

    public static async Task<IResult> Created<T>(this ValueTask<T> pending, Func<T, string> location) where T : notnull
    {
        var value = await pending;
        return Created(value, location(value));
    }

    private sealed record CreatedJson(object Value, string? Location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = Location ?? $"{httpContext.Request.PathBase}{httpContext.Request.Path}";
            return Results.Json(Value, OcpiJson.Options, statusCode: StatusCodes.Status201Created).ExecuteAsync(httpContext);
        }
    }
}
