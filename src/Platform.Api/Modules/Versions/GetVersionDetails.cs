using Dapper;
using Mediator;
using Platform.Api.Infrastructure.Data;
using Platform.Api.Infrastructure.Web;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Versions;

public sealed record GetVersionDetails : IRequest<OcpiResult>;

/// <summary>
/// Lists each module once per interface role that the hosted parties of the caller's connection serve
/// (digest §3.1, R9); credentials once, as SENDER (errata advice).
/// </summary>
public sealed class GetVersionDetailsHandler(PublicUrl urls, OcpiEndpointCatalog catalog, OcpiCaller caller, DbSession db)
    : IRequestHandler<GetVersionDetails, OcpiResult>
{
    private const string SelectRolesOfConnection = """
        SELECT p.roles
        FROM connection_parties cp
        JOIN parties p ON p.id = cp.party_id
        WHERE cp.connection_id = @ConnectionId
        """;

    public async ValueTask<OcpiResult> Handle(GetVersionDetails request, CancellationToken cancellationToken)
    {
        var roles = await RolesOfConnectionAsync(caller.ConnectionId, cancellationToken);
        var endpoints = catalog.For(roles)
            .Select(i => new Platform.Ocpi.Model.Versions.Endpoint { Identifier = i.Module, Role = i.Role, Url = $"{urls.VersionUrl(OcpiVersions.V221)}/{i.RelativePath}" })
            .ToList();
        return OcpiResult.Ok(new VersionDetails { Version = OcpiVersions.V221, Endpoints = endpoints });
    }

    private async Task<HashSet<Role>> RolesOfConnectionAsync(string connectionId, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(SelectRolesOfConnection, new { ConnectionId = connectionId }, db.Transaction, cancellationToken: ct));
        return rows.SelectMany(PartyRoles.Parse).ToHashSet();
    }
}
