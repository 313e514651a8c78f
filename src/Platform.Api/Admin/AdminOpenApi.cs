using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;
using Platform.Api.WebConsole;

namespace Platform.Api.Admin;

/// <summary>
/// The admin API's OpenAPI document (<c>/openapi/v1.json</c>, Scalar at <c>/scalar</c>): one tag per area and a summary
/// per operation (a convention on the <c>/admin</c> group, from the tables below), request bodies from
/// <see cref="OcpiBody{T}"/>, answers from the typed results (<see cref="AdminOk{T}"/>, <see cref="AdminList{T}"/>, …),
/// <c>offset</c>/<c>limit</c> on paged lists, problem answers, and the two ways in: the Bearer key and the console cookie.
/// </summary>
public static partial class AdminOpenApi
{
    public const string BearerScheme = "AdminKey";
    public const string CookieScheme = "ConsoleCookie";

    public static IServiceCollection AddAdminOpenApi(this IServiceCollection services)
    {
        // Schemas follow the wire: snake_case names and enums as their OCPI strings, like every admin answer.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        return services.AddOpenApi(options =>
        {
            options.ShouldInclude = d => d.RelativePath?.StartsWith("admin", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Platform admin API";
                document.Info.Description = "The back office of a multi-tenant OCPI 2.2.1 platform. Send 'Authorization: Bearer <Admin:ApiKey>', "
                    + "or sign in to the console (/console): its cookie works too, and its writes carry the X-Console-Antiforgery header. "
                    + "Errors are RFC 9457 problem details; lists take offset and limit and answer X-Total-Count.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The admin API key (Admin:ApiKey, or the key file next to the database).",
                };
                document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = ConsoleAuthentication.CookieName,
                    Description = $"The console's sign-in (POST /console/sign-in). Writes also need {ConsoleAuthentication.AntiforgeryHeader} (GET /console/session).",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] });
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, ct) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<JsonBodyMetadata>().FirstOrDefault() is { } body)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = !body.IsOptional,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct) },
                        },
                    };
                }
                if (metadata.OfType<AdminPage.Paged>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(PageParameter("offset", "How many items to skip (default 0)."));
                    operation.Parameters.Add(PageParameter("limit", $"How many items to answer (default {AdminPage.DefaultLimit}, at most {AdminPage.MaxLimit}). X-Total-Count gives the total."));
                }
            });
        });
    }

    private static OpenApiParameter PageParameter(string name, string description) => new()
    {
        Name = name, In = ParameterLocation.Query, Required = false, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
    };

    /// <summary>The convention on the <c>/admin</c> group: tag, summary and problem answers of each operation.</summary>
    public static TBuilder DescribedForOpenApi<TBuilder>(this TBuilder admin) where TBuilder : IEndpointConventionBuilder
    {
        admin.Add(builder =>
        {
            if (builder is not RouteEndpointBuilder route) return;
            var method = builder.Metadata.OfType<IHttpMethodMetadata>().FirstOrDefault()?.HttpMethods.FirstOrDefault() ?? "GET";
            var path = PathOf(route.RoutePattern);
            builder.Metadata.Add(new TagsAttribute(TagOf(path)));
            if (Summaries.TryGetValue($"{method} {path}", out var summary)) builder.Metadata.Add(new EndpointSummaryAttribute(summary));
            foreach (var status in new[] { 400, 401, 404 })
                builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        });
        return admin;
    }

    /// <summary>The route as the tables name it: constraints dropped, party of the back office as {cc}/{pid}.</summary>
    public static string PathOf(RoutePattern pattern) => Constraint().Replace(pattern.RawText ?? "", "}").TrimEnd('/');

    [GeneratedRegex(@":[a-z]+\}")]
    private static partial Regex Constraint();

    public static string TagOf(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            [_, "parties", _, _, _, var module, ..] => module switch
            {
                "locations" => "Locations",
                "tariffs" => "Tariffs",
                "sessions" => "Sessions",
                "cdrs" => "CDRs",
                "tokens" or "authorize" => "Tokens",
                "commands" or "reservations" => "Commands",
                "chargingprofiles" => "Charging profiles",
                _ => "Party data",
            },
            [_, "parties", ..] => "Parties",
            [_, "connections" or "routes", ..] => "Connections",
            [_, "deliveries", ..] => "Deliveries",
            _ => "Admin",
        };
    }

    private const string P = "/admin/parties/{cc}/{pid}";

    /// <summary>One line per operation; a test fails when an admin operation has none.</summary>
    public static readonly IReadOnlyDictionary<string, string> Summaries = new Dictionary<string, string>
    {
        ["POST /admin/parties"] = "Create a hosted party (a tenant), optionally a sub-operator of another",
        ["GET /admin/parties"] = "List the hosted parties",
        ["GET " + P] = "Read a hosted party",
        ["PATCH " + P] = "Change a hosted party's name or roles",
        ["POST /admin/connections/invitations"] = "Invite a peer: a pending connection and its token A, shown once",
        ["POST /admin/connections"] = "Register with a peer by its versions URL and token A",
        ["POST /admin/connections/internal"] = "Connect parties hosted here with each other",
        ["GET /admin/connections"] = "List the connections with their state and health",
        ["GET /admin/connections/{id}"] = "Read a connection with its endpoints and audit trail",
        ["GET /admin/connections/{id}/problems"] = "What the peer sent that we refused, and what we sent that it refused",
        ["POST /admin/connections/{id}/rotate"] = "Rotate the credentials token (credentials PUT at the peer)",
        ["POST /admin/connections/{id}/suspend"] = "Suspend a connection: nothing is sent over it until resumed",
        ["POST /admin/connections/{id}/resume"] = "Resume a suspended connection; waiting deliveries leave at once",
        ["POST /admin/connections/{id}/resync"] = "Pull from the peer again (full: from the beginning)",
        ["POST /admin/connections/{id}/probe"] = "Probe the peer's conformance before going live (read-only unless writes)",
        ["GET /admin/connections/{id}/probes"] = "The connection's probes, newest first",
        ["GET /admin/connections/{id}/probes/{probeId}"] = "One probe's report: each check with its rule and evidence",
        ["DELETE /admin/connections/{id}"] = "End a connection (credentials DELETE at the peer)",
        ["GET /admin/routes"] = "The routing table: which connection reaches which party",
        ["GET /admin/deliveries"] = "List deliveries (pushes to peers) by state and connection",
        ["POST /admin/deliveries/{id}/retry"] = "Send a failed delivery again, with the object's current state",
        ["GET " + P + "/cpo/locations"] = "List the CPO's own locations",
        ["GET " + P + "/cpo/locations/{locationId}"] = "Read one of the CPO's locations",
        ["PUT " + P + "/cpo/locations/{locationId}"] = "Publish a whole location (an OCPI Location)",
        ["PUT " + P + "/cpo/locations/{locationId}/{evseUid}"] = "Publish a whole EVSE of a location",
        ["PUT " + P + "/cpo/locations/{locationId}/{evseUid}/{connectorId}"] = "Publish a whole connector of an EVSE",
        ["PATCH " + P + "/cpo/locations/{locationId}"] = "Change part of a location (needs last_updated)",
        ["PATCH " + P + "/cpo/locations/{locationId}/{evseUid}"] = "Change part of an EVSE, e.g. its status",
        ["PATCH " + P + "/cpo/locations/{locationId}/{evseUid}/{connectorId}"] = "Change part of a connector",
        ["GET " + P + "/emsp/locations"] = "List the locations the eMSP received",
        ["GET " + P + "/emsp/locations/{locationId}"] = "Read a location the eMSP received",
        ["GET " + P + "/cpo/tariffs"] = "List the CPO's own tariffs",
        ["GET " + P + "/cpo/tariffs/{tariffId}"] = "Read one of the CPO's tariffs",
        ["PUT " + P + "/cpo/tariffs/{tariffId}"] = "Publish a tariff",
        ["DELETE " + P + "/cpo/tariffs/{tariffId}"] = "Withdraw a tariff",
        ["POST " + P + "/cpo/tariffs/{tariffId}/estimate"] = "Estimate the cost of a charge under one of the CPO's tariffs",
        ["POST " + P + "/emsp/tariffs/{country_code}/{party_id}/{tariffId}/estimate"] = "Estimate the cost of a charge under a received tariff",
        ["GET " + P + "/emsp/tariffs"] = "List the tariffs the eMSP received",
        ["GET " + P + "/emsp/tariffs/{tariffId}"] = "Read a tariff the eMSP received",
        ["GET " + P + "/cpo/sessions"] = "List the CPO's sessions",
        ["GET " + P + "/cpo/sessions/{sessionId}"] = "Read one of the CPO's sessions",
        ["GET " + P + "/cpo/sessions/{sessionId}/charging_preferences"] = "Read the charging preferences an eMSP set on a session",
        ["PUT " + P + "/cpo/sessions/{sessionId}"] = "Feed a whole session (the charge-point side)",
        ["PATCH " + P + "/cpo/sessions/{sessionId}"] = "Change part of a session (charging_periods are appended)",
        ["GET " + P + "/emsp/sessions"] = "List the sessions the eMSP received",
        ["GET " + P + "/emsp/sessions/{sessionId}"] = "Read a session the eMSP received",
        ["POST " + P + "/cpo/cdrs"] = "Record a CDR (never dropped on its way to the eMSP)",
        ["GET " + P + "/cpo/cdrs"] = "List the CPO's CDRs",
        ["GET " + P + "/cpo/cdrs/{cdrId}"] = "Read one of the CPO's CDRs",
        ["GET " + P + "/emsp/cdrs"] = "List the CDRs the eMSP received, with their audit",
        ["GET " + P + "/emsp/cdrs/{cdrId}"] = "Read a CDR the eMSP received, with its audit",
        ["GET " + P + "/emsp/tokens"] = "List the eMSP's tokens",
        ["GET " + P + "/emsp/tokens/{uid}"] = "Read one of the eMSP's tokens",
        ["PUT " + P + "/emsp/tokens/{uid}"] = "Issue a token (type in the query, RFID by default)",
        ["PATCH " + P + "/emsp/tokens/{uid}"] = "Change part of a token, e.g. block it (valid: false)",
        ["GET " + P + "/cpo/tokens"] = "List the tokens the CPO received from eMSPs",
        ["POST " + P + "/cpo/authorize"] = "Ask whether a token presented at a charger may charge",
        ["POST " + P + "/emsp/commands/{type}"] = "Send a command to a CPO; follow its state by id",
        ["GET " + P + "/emsp/commands"] = "List the commands the eMSP sent",
        ["GET " + P + "/emsp/commands/{id}"] = "Read a command's state, response and result",
        ["GET " + P + "/cpo/reservations"] = "List the CPO's reservations",
        ["DELETE " + P + "/cpo/reservations/{emspCc}/{emspPid}/{reservationId}"] = "Cancel a reservation on the CPO's side",
        ["PUT " + P + "/emsp/chargingprofiles/{sessionId}"] = "Set a charging profile on a session",
        ["POST " + P + "/emsp/chargingprofiles/{sessionId}/active"] = "Ask for a session's active charging profile",
        ["DELETE " + P + "/emsp/chargingprofiles/{sessionId}"] = "Clear a session's charging profile",
        ["GET " + P + "/emsp/chargingprofiles/{sessionId}"] = "List the charging-profile requests of a session",
    };
}
