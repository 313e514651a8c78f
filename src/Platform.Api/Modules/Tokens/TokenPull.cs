using System.Text.Json;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Tenancy;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Tokens;

/// <summary>Stores a token a hosted CPO pulled from an eMSP (start-up, resync), unless invalid, another owner's, or older.</summary>
public sealed class TokenPull(OcpiObjectStore objects, ILogger<TokenPull> logger) : IPullModule
{
    public string Module => ModuleIds.Tokens;
    public string OwnerRole => "EMSP";
    public string ReceiverRole => "CPO";

    public async Task<PullOutcome> StoreAsync(long hostedPartyId, PartyRef owner, JsonElement item, CancellationToken ct)
    {
        Token? token;
        try { token = item.Deserialize<Token>(OcpiJson.Options); }
        catch (JsonException e) { return Invalid($"unreadable token: {e.Message}"); }
        if (token is null) return Invalid("null token");
        var result = WireValidators.Put<Token>().Validate(token);
        if (!result.IsValid) return Invalid($"token {token.Uid}: {OcpiValidation.Describe(result)}");
        if (!CiString.Equal(token.CountryCode, owner.CountryCode) || !CiString.Equal(token.PartyId, owner.PartyId))
            return Invalid($"token {token.Uid} belongs to {token.CountryCode}*{token.PartyId}, not {owner}");

        var key = new TokenKey(token.Uid!, token.Type!.Value);
        var scope = new ObjectScope(Module, hostedPartyId, ObjectSide.Received);
        var stored = await objects.FindAsync(scope, owner.Key, key.ObjectId, ct);
        if (stored is not null && stored.LastUpdated > token.LastUpdated) return PullOutcome.Unchanged;
        await objects.SaveAsync(scope, owner.Key, key.ObjectId, token.LastUpdated!.Value, OcpiJson.Serialize(token), ct);
        return PullOutcome.Stored;
    }

    private PullOutcome Invalid(string why)
    {
        logger.LogWarning("Pulled token skipped: {Reason}", why);
        return PullOutcome.Invalid;
    }
}
