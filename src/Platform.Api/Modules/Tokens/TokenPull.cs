using Platform.Api.Infrastructure.Sync;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tokens;

/// <summary>Tokens a hosted CPO pulls from an eMSP's Sender interface (start-up, resync), keyed by uid and type.</summary>
public sealed class TokenPull(OcpiObjectStore objects, DbSession db, ILogger<TokenPull> logger) : ObjectPull<Token>(objects, db, logger)
{
    public override string Module => ModuleIds.Tokens;
    public override Role OwnerRole => Role.EMSP;
    public override Role ReceiverRole => Role.CPO;

    protected override PulledObject Describe(Token item, JsonObject document) =>
        new(new TokenKey(item.Uid!, item.Type!.Value).ObjectId, item.CountryCode, item.PartyId, item.LastUpdated!.Value);
}
