using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Platform.Api.Admin;

/// <summary>Paging of admin lists (ADMIN-API.md): <c>offset</c> and <c>limit</c> in, an array and X-Total-Count out.</summary>
public sealed record AdminPage(int Offset, int Limit) : IEndpointParameterMetadataProvider
{
    /// <summary>Marks a paged operation, so the OpenAPI document lists <c>offset</c> and <c>limit</c> (AdminOpenApi).</summary>
    public sealed class Paged;

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) => builder.Metadata.Add(new Paged());

    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static ValueTask<AdminPage?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        var offset = Read(http, "offset", 0);
        var limit = Math.Min(Read(http, "limit", DefaultLimit), MaxLimit);
        return ValueTask.FromResult<AdminPage?>(new AdminPage(offset, limit));
    }

    private static int Read(HttpContext http, string name, int fallback)
    {
        var text = http.Request.Query[name].ToString();
        if (text.Length == 0) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RequestRejectedException(RejectionKind.Invalid, $"{name}: '{text}' must be a whole number >= 0");
    }
}

/// <summary>One page of an admin list and the total before paging; <paramref name="Json"/> when a list must show nulls too.</summary>
public sealed record AdminList<T>(IReadOnlyList<T> Items, int Total, System.Text.Json.JsonSerializerOptions? Json = null) : IResult, IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        AdminJson.Produces(builder, StatusCodes.Status200OK, typeof(IReadOnlyList<T>));

    /// <summary>One page of a list held whole in memory (parties, connections: few per platform).</summary>
    public static AdminList<T> Of(IReadOnlyList<T> all, AdminPage page) => new(all.Skip(page.Offset).Take(page.Limit).ToList(), all.Count);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers["X-Total-Count"] = Total.ToString(CultureInfo.InvariantCulture);
        return (Json is null ? AdminJson.Ok(Items) : Results.Json(Items, Json)).ExecuteAsync(httpContext);
    }
}
