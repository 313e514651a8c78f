using System.Reflection;
using Platform.Ocpi.Transport;

namespace Platform.Api.Infrastructure.Web;

/// <summary>
/// Binds the paging query of an OCPI list GET. A bad value (a DateTime with an offset, a negative limit) is an
/// OCPI 2001 naming the parameter; a limit above <see cref="MaxPageSize"/> is capped and reported in X-Limit.
/// </summary>
public sealed class OcpiPage
{
    public const int MaxPageSize = 100;

    private OcpiPage(PageRequest value) => Value = value;

    public PageRequest Value { get; }

    public static ValueTask<OcpiPage?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        var query = http.Request.Query;
        if (!PageRequest.TryParse(name => query.TryGetValue(name, out var v) ? v.ToString() : null, MaxPageSize, out var page, out var error))
            throw new RequestRejectedException(RejectionKind.Invalid, error!);
        return ValueTask.FromResult<OcpiPage?>(new OcpiPage(page));
    }
}
