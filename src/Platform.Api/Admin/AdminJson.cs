using Platform.Ocpi.Json;

namespace Platform.Api.Admin;

/// <summary>Admin answers are snake_case JSON like OCPI, with DateTimes in UTC.</summary>
public static class AdminJson
{
    public static IResult Ok(object value) => Results.Json(value, OcpiJson.Options);

    public static IResult Created(object value) => Results.Json(value, OcpiJson.Options, statusCode: StatusCodes.Status201Created);

    public static async Task<IResult> Ok<T>(this ValueTask<T> pending) where T : notnull => Ok(await pending);

    public static async Task<IResult> Created<T>(this ValueTask<T> pending) where T : notnull => Created(await pending);
}
