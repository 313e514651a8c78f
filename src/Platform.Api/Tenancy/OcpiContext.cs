namespace Platform.Api.Tenancy;

/// <summary>A party at one end of a routed call: its OCPI identity and the key used in key columns.</summary>
public sealed record PartyRef(string CountryCode, string PartyId)
{
    public string Key => PartyKey.Of(CountryCode, PartyId);

    public override string ToString() => Key;
}

/// <summary>
/// Who a functional-module call is for, resolved by <see cref="OcpiRoutingMiddleware"/> from the authenticated
/// connection and the OCPI-to/from headers: the hosted party and the role it serves this interface in, and the
/// remote party speaking. Handlers and stores receive it as an argument; nothing reads the tenant from a body.
/// </summary>
public sealed record OcpiContext(string ConnectionId, long HostedPartyId, PartyRef Hosted, Role HostedRole, PartyRef Remote)
{
    private static readonly object ItemKey = new();

    public static OcpiContext From(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var value) && value is OcpiContext context
            ? context
            : throw new InvalidOperationException("No OCPI routing context: the endpoint is not a routed OcpiInterface");

    internal void AttachTo(HttpContext http) => http.Items[ItemKey] = this;

    internal static OcpiContext? Find(HttpContext http) => http.Items.TryGetValue(ItemKey, out var value) ? value as OcpiContext : null;

    /// <summary>Minimal-API binding: endpoints take <c>OcpiContext ctx</c> as a parameter.</summary>
    public static ValueTask<OcpiContext?> BindAsync(HttpContext http) => ValueTask.FromResult<OcpiContext?>(From(http));
}

/// <summary>On every answer to a routed call, OCPI-to names the caller and OCPI-from the hosted party (digest §2.3).</summary>
public sealed class OcpiRoutingResponseHeaders : IOcpiResponseHeaders
{
    public void Apply(HttpContext http)
    {
        if (OcpiContext.Find(http) is not { } context) return;
        var headers = http.Response.Headers;
        headers[Platform.Ocpi.Transport.OcpiHeaders.ToCountryCode] = context.Remote.CountryCode;
        headers[Platform.Ocpi.Transport.OcpiHeaders.ToPartyId] = context.Remote.PartyId;
        headers[Platform.Ocpi.Transport.OcpiHeaders.FromCountryCode] = context.Hosted.CountryCode;
        headers[Platform.Ocpi.Transport.OcpiHeaders.FromPartyId] = context.Hosted.PartyId;
    }
}
