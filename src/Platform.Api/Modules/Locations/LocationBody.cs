using Platform.Ocpi.Model.Locations;

namespace Platform.Api.Modules.Locations;

/// <summary>
/// The body of a write to a location tree, typed by the level its URL addresses: a whole Location, an EVSE or a
/// Connector. A PATCH also keeps <see cref="Json"/>, the object as the sender wrote it, so that a field set to
/// <c>null</c> is cleared (or refused when required) instead of being lost.
/// </summary>
public abstract record LocationBody(JsonObject? Json)
{
    public bool IsPatch => Json is not null;

    public sealed record Whole(Location Location, JsonObject? Json = null) : LocationBody(Json);

    public sealed record OfEvse(Evse Evse, JsonObject? Json = null) : LocationBody(Json);

    public sealed record OfConnector(Connector Connector, JsonObject? Json = null) : LocationBody(Json);
}
