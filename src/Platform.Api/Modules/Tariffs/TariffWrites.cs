using Platform.Api.Infrastructure.Outbox;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs;

/// <summary>The outcome of a tariff PUT: whether it is new, and the tariff as stored now.</summary>
public sealed record TariffWritten(bool Created, JsonNode Tariff);

/// <summary>
/// Stores or removes a tariff in one party's copy: the same rules whether a CPO pushes to a hosted eMSP (Receiver)
/// or a hosted CPO's back office publishes its own. A change to a CPO's own tariff also records an outbox entry,
/// in the same transaction, so its peers hear of it.
/// </summary>
public sealed class TariffWrites(OcpiObjectStore objects, Outbox outbox)
{
    public async Task<TariffWritten> PutAsync(ObjectScope scope, PartyRef owner, Tariff tariff, CancellationToken ct)
    {
        var json = OcpiJson.Serialize(tariff);
        var created = await objects.SaveAsync(scope, owner.Key, tariff.Id!, tariff.LastUpdated!.Value, json, ct);
        if (scope.Side == ObjectSide.Own)
            await outbox.AddAsync(scope.HostedPartyId, ModuleIds.Tariffs, CiString.Key(tariff.Id!), PushOperation.Put, null, ct);
        return new TariffWritten(created, JsonNode.Parse(json)!);
    }

    /// <summary>
    /// Merges a 2.1.1 tariff PATCH into the stored tariff; the result must be a whole valid tariff, else nothing is
    /// stored and the refusal names the fields.
    /// </summary>
    public async Task<TariffWritten> PatchAsync(ObjectScope scope, PartyRef owner, string tariffId, Tariff patch, JsonObject sent, CancellationToken ct)
    {
        var stored = await objects.FindAsync(scope, owner.Key, tariffId, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"Unknown tariff {tariffId}: PUT the whole tariff first");
        var document = JsonNode.Parse(stored.Document)!.AsObject();
        OcpiDocument.Merge(document, OcpiDocument.Delta(patch, sent));
        var merged = System.Text.Json.JsonSerializer.Deserialize<Tariff>(document, OcpiJson.Options)!;
        var problems = TariffRules.Problems(owner, tariffId, merged).ToList();
        if (problems.Count > 0)
            throw new RequestRejectedException(RejectionKind.Invalid, Platform.Ocpi.Validation.OcpiValidation.Describe(new FluentValidation.Results.ValidationResult(problems)));
        return await PutAsync(scope, owner, merged, ct);
    }

    /// <summary>Removes the tariff; false when this copy holds no such tariff.</summary>
    public async Task<bool> DeleteAsync(ObjectScope scope, PartyRef owner, string tariffId, CancellationToken ct)
    {
        var stored = await objects.FindAsync(scope, owner.Key, tariffId, ct);
        if (stored is null) return false;
        await objects.DeleteAsync(scope, owner.Key, tariffId, ct);
        // The row is gone by the time the delivery runs, so the detail keeps the id as the owner spelled it for
        // the DELETE URL (object keys are upper-cased).
        if (scope.Side == ObjectSide.Own)
            await outbox.AddAsync(scope.HostedPartyId, ModuleIds.Tariffs, stored.ObjectKey, PushOperation.Delete, stored.ObjectId, ct);
        return true;
    }
}
