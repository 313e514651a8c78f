using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Admin;
using Platform.Api.Modules;
using Platform.Api.Tenancy;
using Platform.IntegrationTests.Infrastructure;
using Platform.Ocpi.Transport;

namespace Platform.Reliability.Rows;

/// <summary>
/// R1: every route of the running platform's route table (EndpointDataSource) × every kind of caller that must not get
/// in. Each cell expects a refusal with the spec's code (OCPI: HTTP 401 or 404 with an error envelope; admin: 401), no
/// other tenant's data in the answer, and no state changed. A route the matrix cannot classify or fill fails the row.
/// </summary>
public static class IsolationMatrix
{
    public enum Caller
    {
        NoToken, TokenAAfterRegistration, ExpiredInvitation, RevokedToken, WrongAdminKey, AdminKeyAsOcpiToken,
        AnotherHostedParty, PartyOfAnotherConnection, HubPartyNotConnected,
    }

    private enum Expect { Unauthorized, NotFound, NoLeak, NotApplicable }

    /// <summary>Routes open to anyone by design, by pattern prefix (and "/", a redirect to the console); a new public route must be added here on purpose.</summary>
    private static readonly string[] PublicByDesign = ["/health/", "/openapi/", "/scalar", "/console"];

    // Tables that record a refusal by design (what a partner sent that we refused): written, and shown to the operator.
    private static readonly HashSet<string> RefusalRecords = ["connection_problems"];

    public static async Task<RowResult> RunAsync(RowScale scale)
    {
        var row = new RowResult("R1", "Isolation matrix from the route table");
        await using var t = await Tenants.StartAsync();
        var endpoints = t.Platform.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var before = await Tenants.QuietFingerprintAsync(t.Platform.DatabaseFile, RefusalRecords);

        using var http = new HttpClient();
        int routes = 0, cells = 0, notApplicable = 0;
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var kind = Classify(endpoint);
            if (kind is null)
            {
                row.Fail($"route {string.Join(",", methods)} {pattern} is not covered: neither OCPI, admin nor public by design");
                continue;
            }
            routes++;
            foreach (var method in methods)
                foreach (var caller in Enum.GetValues<Caller>())
                {
                    var expect = Expectation(kind.Value, endpoint, method, caller);
                    if (expect == Expect.NotApplicable)
                    {
                        notApplicable++;
                        continue;
                    }
                    var url = Fill(pattern, caller, out var unknown);
                    if (unknown is not null)
                    {
                        row.Fail($"route {pattern} is not covered: the matrix has no value for {{{unknown}}}");
                        break;
                    }
                    cells++;
                    var (status, body) = await SendAsync(http, t, method, t.Platform.Url + url, caller);
                    var envelope = Envelope(body);
                    var where = $"{caller} {method} {pattern} → {(int)status} {Trim(body)}";
                    row.Check(!body.Contains(Tenants.Marker, StringComparison.Ordinal), () => "leak: " + where);
                    switch (expect)
                    {
                        case Expect.Unauthorized when kind == RouteKind.Ocpi:
                            row.Check(status == HttpStatusCode.Unauthorized && envelope is { } e && Code(e) is >= 2000 and < 3000, () => "not refused 401/2xxx: " + where);
                            break;
                        case Expect.Unauthorized:
                            row.Check(status == HttpStatusCode.Unauthorized, () => "not refused 401: " + where);
                            break;
                        case Expect.NotFound:
                            row.Check(status == HttpStatusCode.NotFound && envelope is { } n && Code(n) is >= 2000 and < 3000, () => "not refused 404/2xxx: " + where);
                            break;
                    }
                }
        }

        // A control: the matrix's requests are well formed, since the rightful caller gets through.
        using (var rightful = new OcpiClient(t.Conn1TokenC))
        {
            var own = await rightful.SendAsync(HttpMethod.Get, t.Platform.Url + "/ocpi/2.2.1/sender/locations/LOC1", from: "DE*FAK", to: "NL*CPO");
            row.Check(own.StatusCode == 1000, () => "control: the rightful caller does not get its own location: " + own);
        }

        var after = await Tenants.QuietFingerprintAsync(t.Platform.DatabaseFile, RefusalRecords);
        var changed = DatabaseFingerprint.Changed(before, after);
        row.Check(changed.Count == 0, () => "state changed: " + string.Join(", ", changed));
        row.Figures = $"{routes} routes × {Enum.GetValues<Caller>().Length} callers: {cells:N0} requests ({notApplicable} cells n/a: per-connection or public by design); "
            + $"{after.Count} tables unchanged{(scale == RowScale.Full ? "" : " (same at every scale)")}";
        return row;
    }

    private enum RouteKind { Ocpi, Admin, Public }

    private static RouteKind? Classify(RouteEndpoint endpoint)
    {
        var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Contains(AdminAccess.Policy)) return RouteKind.Admin;
        if (pattern.StartsWith("/ocpi", StringComparison.Ordinal) && endpoint.Metadata.GetMetadata<OcpiAccess>() is not null) return RouteKind.Ocpi;
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || policies.Count == 0)
            return pattern == "/" || PublicByDesign.Any(p => pattern.StartsWith(p, StringComparison.Ordinal)) ? RouteKind.Public : null;
        return null;
    }

    private static Expect Expectation(RouteKind kind, RouteEndpoint endpoint, string method, Caller caller)
    {
        if (kind == RouteKind.Public) return Expect.NotApplicable;
        if (kind == RouteKind.Admin) return Expect.Unauthorized;
        if (caller is not (Caller.AnotherHostedParty or Caller.PartyOfAnotherConnection or Caller.HubPartyNotConnected)) return Expect.Unauthorized;
        // The caller holds a live token: a routed module must refuse the party it names; versions, credentials and
        // ClientInfo serve the caller's own connection whatever party is named, so only a leak is looked for, and only
        // by reading (writing there is the caller's own connection's business).
        if (endpoint.Metadata.GetMetadata<OcpiInterface>() is { Routed: true }) return Expect.NotFound;
        return method == "GET" ? Expect.NoLeak : Expect.NotApplicable;
    }

    /// <summary>The caller's own party ("from"), the party it addresses ("to") and the data owner in Receiver URLs.</summary>
    private static (string From, string To) Parties(Caller caller) => caller switch
    {
        Caller.AnotherHostedParty => ("DE*FAK", "NL*CP2"),
        Caller.PartyOfAnotherConnection => ("FR*OTH", "NL*CPO"),
        Caller.HubPartyNotConnected => ("IT*SUS", "NL*CPO"),
        _ => ("DE*FAK", "NL*CPO"),
    };

    private static string Fill(string pattern, Caller caller, out string? unknown)
    {
        unknown = null;
        var (from, to) = Parties(caller);
        var builder = new StringBuilder();
        foreach (var segment in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append('/');
            if (!segment.StartsWith('{'))
            {
                builder.Append(segment);
                continue;
            }
            var parts = segment.Trim('{', '}', '*', '?').Split(':');
            var name = parts[0];
            var value = parts.Length > 1 && parts[1] is "long" or "int" ? "1" : name switch
            {
                "countryCode" or "country_code" or "emspCc" => from[..2],
                "partyId" or "party_id" or "emspPid" => from[3..],
                "cc" => to[..2],
                "pid" => to[3..],
                "locationId" or "location_id" => "LOC1",
                "evseUid" or "evse_uid" => "EVSE1",
                "connectorId" or "connector_id" => "1",
                "tariffId" or "tariff_id" or "sessionId" or "session_id" or "cdrId" or "cdr_id" or "reservationId" or "id" or "probeId" or "probe_id"
                    or "commandId" or "deliveryId" or "requestId" => "X1",
                "tokenUid" or "token_uid" or "uid" => "TOK1",
                "command" => "START_SESSION",
                "type" => "RFID",
                "module" => "locations",
                // The tenants speak 2.2.1 (the test instances offer it alone); 2.1.1 and 2.3.0 reach the same handlers
                // through the version edge.
                "version" or "ocpiVersion" => "2.2.1",
                "path" or "file" => "index.html",
                _ => null,
            };
            if (value is null)
            {
                unknown = name;
                return "";
            }
            builder.Append(value);
        }
        return builder.Length == 0 ? "/" : builder.ToString();
    }

    private static async Task<(HttpStatusCode, string)> SendAsync(HttpClient http, Tenants t, string method, string url, Caller caller)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        var token = caller switch
        {
            Caller.NoToken or Caller.WrongAdminKey or Caller.AdminKeyAsOcpiToken => null,
            Caller.TokenAAfterRegistration => t.Conn1TokenA,
            Caller.ExpiredInvitation => t.ExpiredInvitationToken,
            Caller.RevokedToken => t.RevokedTokenC,
            Caller.HubPartyNotConnected => t.HubTokenC,
            _ => t.Conn1TokenC,
        };
        if (token is not null) request.Headers.TryAddWithoutValidation(OcpiHeaders.Authorization, CredentialsTokenHeader.Encode(token, false));
        if (caller == Caller.WrongAdminKey) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-" + PlatformFactory.AdminKey);
        if (caller == Caller.AdminKeyAsOcpiToken)
            request.Headers.TryAddWithoutValidation(OcpiHeaders.Authorization, url.Contains("/ocpi", StringComparison.Ordinal)
                ? CredentialsTokenHeader.Encode(PlatformFactory.AdminKey, false) : "Token " + PlatformFactory.AdminKey);
        var (from, to) = Parties(caller);
        request.Headers.TryAddWithoutValidation(OcpiHeaders.FromCountryCode, from[..2]);
        request.Headers.TryAddWithoutValidation(OcpiHeaders.FromPartyId, from[3..]);
        request.Headers.TryAddWithoutValidation(OcpiHeaders.ToCountryCode, to[..2]);
        request.Headers.TryAddWithoutValidation(OcpiHeaders.ToPartyId, to[3..]);
        request.Headers.TryAddWithoutValidation(OcpiHeaders.RequestId, Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation(OcpiHeaders.CorrelationId, Guid.NewGuid().ToString());
        if (method is "PUT" or "POST" or "PATCH")
            request.Content = new StringContent(Body(url, from).ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A body the route would take from its rightful caller, so a refusal, not a bad body, is what stops it.</summary>
    private static JsonObject Body(string url, string from)
    {
        if (url.Contains("/locations", StringComparison.Ordinal)) return Builders.Location(from[..2], from[3..], "LOC1");
        if (url.Contains("/sessions", StringComparison.Ordinal)) return Builders.Session(from, "X1", "DE*MSP");
        if (url.Contains("/cdrs", StringComparison.Ordinal)) return Builders.Cdr(from, "X1", "DE*MSP");
        if (url.Contains("/tokens", StringComparison.Ordinal)) return Builders.Token(from, "TOK1");
        if (url.Contains("/commands", StringComparison.Ordinal))
            return new JsonObject { ["response_url"] = "http://127.0.0.1:9/cb", ["location_id"] = "LOC1", ["evse_uid"] = "EVSE1", ["connector_id"] = "1" };
        return new JsonObject { ["name"] = "x", ["status"] = "AVAILABLE", ["last_updated"] = Builders.Now };
    }

    private static JsonObject? Envelope(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static int? Code(JsonObject envelope) => envelope["status_code"] is JsonValue v && v.TryGetValue<int>(out var c) ? c : null;

    private static string Trim(string body) => body.Length > 160 ? body[..160] + "…" : body;
}
