using Dapper;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Versions;

public sealed record GetVersionDetails(string Version) : IRequest<OcpiResult>;

/// <summary>
/// Lists each module once per interface role that the hosted parties of the caller's connection serve
/// (digest §3.1, R9); credentials once, as SENDER (errata advice). 2.1.1 endpoints have no role: each module once, the
/// one the connection's party serves (a 2.1.1 connection carries one party and, for a party with both roles, the role
/// the connection was made for; without one, the CPO's interfaces are listed).
/// </summary>
public sealed class GetVersionDetailsHandler(PublicUrl urls, OcpiEndpointCatalog catalog, OcpiCaller caller, DbSession db)
    : IRequestHandler<GetVersionDetails, OcpiResult>
{
    private const string SelectRolesOfConnection = """
        SELECT COALESCE(c.party_role, p.roles)
        FROM connection_parties cp
        JOIN parties p ON p.id = cp.party_id
        JOIN connections c ON c.id = cp.connection_id
        WHERE cp.connection_id = @ConnectionId
        """;

    public async ValueTask<OcpiResult> Handle(GetVersionDetails request, CancellationToken cancellationToken)
    {
        var roles = await RolesOfConnectionAsync(caller.ConnectionId, cancellationToken);
        var single = VersionModules.IsSingleParty(request.Version);
        var interfaces = catalog.For(roles, request.Version);
        if (single) interfaces = interfaces.OrderBy(i => i.HostedRole == Role.CPO ? 0 : 1).DistinctBy(i => i.Module);
        var endpoints = interfaces
            .Select(i => new Platform.Ocpi.Model.Versions.Endpoint { Identifier = i.Module, Role = single ? null : i.Role, Url = urls.Of(i, request.Version) })
            .ToList();
        return OcpiResult.Ok(new VersionDetails { Version = request.Version, Endpoints = endpoints });
    }

    private async Task<HashSet<Role>> RolesOfConnectionAsync(string connectionId, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(SelectRolesOfConnection, new { ConnectionId = connectionId }, db.Transaction, cancellationToken: ct));
        return rows.SelectMany(PartyRoles.Parse).ToHashSet();
    }
}
