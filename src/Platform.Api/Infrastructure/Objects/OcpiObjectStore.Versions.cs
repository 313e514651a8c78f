using Platform.Ocpi;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Infrastructure.Objects;

/// <summary>
/// Old versions of the objects whose history matters: tariffs, since a CDR is priced with the tariff as it was at
/// session start (2.2.1 mod_cdrs §CDR object). Every save lands here, whichever way the tariff came (back office,
/// push, pull, internal connection), and a later change or DELETE leaves the versions in place.
/// </summary>
public sealed partial class OcpiObjectStore
{
    private static readonly HashSet<string> VersionedModules = [ModuleIds.Tariffs];

    private const string UpdateVersion = """
        UPDATE object_versions SET document = @Document, recorded_at = @Now
        WHERE module = @Module AND hosted_party_id = @HostedPartyId AND side = @Side AND owner_key = @OwnerKey
          AND object_key = @ObjectKey AND last_updated = @LastUpdated
        """;

    // Inserts nothing when a concurrent save of the same version got there first (see OcpiObjectStore.Insert).
    private const string InsertVersion = """
        INSERT INTO object_versions (module, hosted_party_id, side, owner_key, object_key, last_updated, document, recorded_at)
        SELECT @Module, @HostedPartyId, @Side, @OwnerKey, @ObjectKey, @LastUpdated, @Document, @Now
        WHERE NOT EXISTS (SELECT 1 FROM object_versions
                          WHERE module = @Module AND hosted_party_id = @HostedPartyId AND side = @Side AND owner_key = @OwnerKey
                            AND object_key = @ObjectKey AND last_updated = @LastUpdated)
        """;

    private const string SelectVersions = """
        SELECT document FROM object_versions
        WHERE module = @Module AND hosted_party_id = @HostedPartyId AND side = @Side AND owner_key = @OwnerKey AND object_key = @ObjectKey
        ORDER BY last_updated
        """;

    private async Task KeepVersionAsync(ObjectScope scope, string ownerKey, string objectKey, DateTime lastUpdated, string document, DateTime now,
        CancellationToken ct)
    {
        if (!VersionedModules.Contains(scope.Module)) return;
        var args = new { scope.Module, scope.HostedPartyId, scope.Side, OwnerKey = ownerKey, ObjectKey = objectKey, LastUpdated = lastUpdated, Document = document, Now = now };
        if (await Execute(UpdateVersion, args, ct) == 0) await Execute(InsertVersion, args, ct);
    }

    /// <summary>Every version this copy has held of the object, oldest first (the current one included).</summary>
    public Task<IReadOnlyList<string>> VersionsAsync(ObjectScope scope, string ownerKey, string objectId, CancellationToken ct) =>
        Query<string>(SelectVersions, new { scope.Module, scope.HostedPartyId, scope.Side, OwnerKey = ownerKey, ObjectKey = CiString.Key(objectId) }, ct);
}
