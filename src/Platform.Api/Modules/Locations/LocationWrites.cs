using Platform.Api.Infrastructure.Outbox;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Locations;

/// <summary>The outcome of a PUT or PATCH: whether the addressed object is new, and the location as stored now.</summary>
/// <remarks>
/// The stored JSON, not the tree it was written from: that tree is handed to the next write of the location. None for a
/// write the group commit stores at its end (<see cref="OcpiObjectStore.DefersWrites"/>: a peer's Receiver write, whose
/// answer does not carry it).
/// </remarks>
public sealed record LocationWritten(bool Created, string? Json, LocationPath Path)
{
    public LocationDocument Location => LocationDocument.Parse(Json ?? throw new InvalidOperationException("This write was left to its group's commit"));
}

/// <summary>
/// Applies PUT and PATCH of a location, EVSE or connector to one party's copy: the same rules whether a peer
/// pushes to a hosted eMSP (Receiver) or a hosted CPO's back office publishes its own data. A change to a CPO's
/// own location also records an outbox entry, in the same transaction, so its peers hear of it.
/// </summary>
public sealed class LocationWrites(OcpiObjectStore objects, Outbox outbox)
{
    public async Task<LocationWritten> PutAsync(ObjectScope scope, PartyRef owner, LocationPath path, LocationBody body, CancellationToken ct)
    {
        var stored = await objects.FindAsync(scope, owner.Key, path.LocationId, ct);
        LocationDocument document;
        bool created;
        if (body is LocationBody.Whole { Location: var location })
        {
            (document, created) = (LocationDocument.From(location), stored is null);
        }
        else
        {
            document = stored is null ? throw UnknownLocation(path) : LocationDocument.ForWrite(stored);
            created = document.At(path) is null;
            if (body is LocationBody.OfEvse { Evse: var evse }) document.PutEvse(evse);
            else if (body is LocationBody.OfConnector { Connector: var connector }) document.PutConnector(path.EvseUid!, connector);
        }
        var json = await SaveAsync(scope, owner, path, document, PushOperation.Put, null, ct);
        return new LocationWritten(created, json, path);
    }

    public Task<LocationWritten> PatchAsync(ObjectScope scope, PartyRef owner, LocationPath path, LocationBody body, CancellationToken ct) =>
        PatchAsync(scope, owner, path, body.Delta ?? throw new ArgumentException("A PATCH needs the JSON it was sent as", nameof(body)), ct);

    public async Task<LocationWritten> PatchAsync(ObjectScope scope, PartyRef owner, LocationPath path, JsonObject patch, CancellationToken ct)
    {
        var stored = await objects.FindAsync(scope, owner.Key, path.LocationId, ct) ?? throw UnknownLocation(path);
        var document = LocationDocument.ForWrite(stored);
        document.Patch(path, patch);
        // A status-only EVSE change travels as a PATCH of that EVSE; anything else as the whole location.
        var statusOnly = path is { EvseUid: not null, ConnectorId: null } && patch.All(p => p.Key is "status" or "last_updated");
        var json = await SaveAsync(scope, owner, path, document, statusOnly ? PushOperation.PatchStatus : PushOperation.Put,
            statusOnly ? path.EvseUid : null, ct);
        return new LocationWritten(false, json, path);
    }

    /// <summary>
    /// Stores the document and hands its tree to the next write (the document must not be used after); returns the JSON
    /// stored, or null when the group commit writes it at its end.
    /// </summary>
    private async Task<string?> SaveAsync(ObjectScope scope, PartyRef owner, LocationPath path, LocationDocument document, string operation, string? detail,
        CancellationToken ct)
    {
        var json = objects.DefersWrites ? null : document.Json;
        await objects.SaveAsync(scope, owner.Key, path.LocationId, document.LastUpdated, json, ct, document.Published, document.Listed, tree: document.Root);
        if (scope.Side == ObjectSide.Own)
            await outbox.AddAsync(scope.HostedPartyId, ModuleIds.Locations, Platform.Ocpi.CiString.Key(path.LocationId), operation, detail, ct);
        return json;
    }

    private static RequestRejectedException UnknownLocation(LocationPath path) =>
        new(RejectionKind.NotFound, $"Unknown location {path.LocationId}: PUT the whole location first");
}
