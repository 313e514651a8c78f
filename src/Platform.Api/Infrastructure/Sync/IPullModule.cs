using System.Text.Json;

namespace Platform.Api.Infrastructure.Sync;

/// <summary>A module whose objects a hosted receiver can pull from a peer's Sender interface (resync).</summary>
public interface IPullModule
{
    string Module { get; }

    /// <summary>The role of the data owner (CPO for locations) and of our party that receives (EMSP).</summary>
    Role OwnerRole { get; }

    Role ReceiverRole { get; }

    /// <summary>
    /// Stores one pulled object for the hosted receiver; false when it is invalid or not the owner's (logged by the
    /// caller and skipped, as the spec says for invalid objects in a GET list).
    /// </summary>
    Task<PullResult> StoreAsync(long hostedPartyId, PartyRef owner, JsonElement item, CancellationToken ct);
}

public enum PullOutcome { Stored, Unchanged, Invalid }

/// <summary>What became of one pulled object; an invalid one says which (when it could be read) and why.</summary>
public readonly record struct PullResult(PullOutcome Outcome, string? ObjectId = null, string? Reason = null)
{
    public static implicit operator PullResult(PullOutcome outcome) => new(outcome);
}
