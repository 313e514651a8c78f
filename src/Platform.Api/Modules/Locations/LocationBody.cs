using Platform.Ocpi.Model.Locations;

namespace Platform.Api.Modules.Locations;

/// <summary>
/// The body of a write to a location tree, typed by the level its URL addresses: a whole Location, an EVSE or a
/// Connector. A PATCH also keeps <see cref="Json"/>, the object as the sender wrote it, so that a field set to
/// <c>null</c> is cleared (or refused when required) instead of being lost.
/// </summary>
/// <remarks>
/// A PATCH's <see cref="Delta"/> is made with the body, where the request is read: a PATCH is applied on the grouped
/// writer's one thread (<c>IGroupCommit</c>), and whatever can be done before it should be.
/// </remarks>
public abstract record LocationBody(JsonObject? Json)
{
    public bool IsPatch => Json is not null;

    /// <summary>What a PATCH changes, as stored JSON (<see cref="OcpiDocument.Delta{T}"/>); null for a whole object.</summary>
    public abstract JsonObject? Delta { get; }

    public sealed record Whole(Location Location, JsonObject? Json = null) : LocationBody(Json)
    {
        public override JsonObject? Delta { get; } = Json is null ? null : OcpiDocument.Delta(Location, Json);
    }

    public sealed record OfEvse(Evse Evse, JsonObject? Json = null) : LocationBody(Json)
    {
        public override JsonObject? Delta { get; } = Json is null ? null : OcpiDocument.Delta(Evse, Json);
    }

    public sealed record OfConnector(Connector Connector, JsonObject? Json = null) : LocationBody(Json)
    {
        public override JsonObject? Delta { get; } = Json is null ? null : OcpiDocument.Delta(Connector, Json);
    }
}
