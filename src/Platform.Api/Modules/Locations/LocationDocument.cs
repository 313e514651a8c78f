using System.Text.Json;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Locations;

namespace Platform.Api.Modules.Locations;

/// <summary>
/// A stored Location as a JSON tree, with the PUT and PATCH rules of 2.2.1 mod_locations applied to it: an EVSE
/// or connector is replaced or added by its id (CiString), a PATCH replaces only the fields it carries, and a
/// change to a child moves the parents' <c>last_updated</c> to the child's new value (§4.1 "last_updated
/// propagation", L1).
/// </summary>
public sealed class LocationDocument
{
    private LocationDocument(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public static LocationDocument From(Location location) => new(OcpiDocument.ToObject(location));

    /// <summary>
    /// A stored location as a tree over its parsed document (<see cref="StoredObject.Root"/>, shared and never
    /// changed): only the parts a change touches are copied into nodes, the rest is written back as it was read.
    /// </summary>
    public static LocationDocument Read(StoredObject stored) => new(JsonObject.Create(stored.Root)!);

    /// <summary>
    /// A stored location to change and save: the tree the last write of it left (<see cref="StoredObject.TakeTree"/>),
    /// so a burst of PATCHes to one location neither parses nor copies it again per PATCH, or else a new one.
    /// </summary>
    public static LocationDocument ForWrite(StoredObject stored) => new(stored.TakeTree() ?? JsonObject.Create(stored.Root)!);

    public static LocationDocument Parse(string json) => new(JsonNode.Parse(json)!.AsObject());

    /// <summary>
    /// The object a path names in a stored location, read without building the tree (reads serve it as it is stored):
    /// the stored object's parsed document walked to the EVSE or connector.
    /// </summary>
    public static JsonElement? ReadAt(StoredObject stored, LocationPath path)
    {
        var found = path.EvseUid is null ? stored.Root : ReadEvse(stored, path.EvseUid);
        if (found is { } evse && path.ConnectorId is not null) found = Child(evse, "connectors"u8, "id"u8, path.ConnectorId);
        return found;
    }

    /// <summary>The EVSE of a stored location with this uid (a CiString), read the same way.</summary>
    public static JsonElement? ReadEvse(StoredObject stored, string uid) => Child(stored.Root, "evses"u8, "uid"u8, uid);

    // Most of a GET's handler was passing over the other EVSEs: each id was looked up from the object's end, by a name
    // encoded again at every item, and made a string of. A stored object has its id first (it is written from the
    // model), so each item is read from its start, and ids are compared in place.
    private static JsonElement? Child(JsonElement parent, ReadOnlySpan<byte> listName, ReadOnlySpan<byte> idName, string id)
    {
        if (!parent.TryGetProperty(listName, out var list) || list.ValueKind != JsonValueKind.Array) return null;
        foreach (var item in list.EnumerateArray())
            if (item.ValueKind == JsonValueKind.Object && First(item, idName) is { } value && OcpiDocument.IdIs(value, id))
                return item;
        return null;
    }

    private static JsonElement? First(JsonElement item, ReadOnlySpan<byte> name)
    {
        foreach (var property in item.EnumerateObject())
            if (property.NameEquals(name)) return property.Value;
        return null;
    }

    /// <summary>Wraps a tree already parsed (it is used, not copied).</summary>
    public static LocationDocument Of(JsonObject root) => new(root);

    public string Json => Root.ToJsonString(OcpiJson.Options);

    public DateTime LastUpdated => Root["last_updated"].Deserialize<DateTime>(OcpiJson.Options);

    /// <summary>Location.publish; absent means published.</summary>
    public bool Published => Root["publish"]?.GetValue<bool>() != false;

    /// <summary>False when the location has EVSEs and all are REMOVED: it is no longer listed (L3).</summary>
    public bool Listed
    {
        get
        {
            var evses = Evses;
            return evses.Count == 0 || evses.Any(e => e?["status"]?.GetValue<string>() != nameof(Status.REMOVED));
        }
    }

    private JsonArray Evses => Root["evses"] as JsonArray ?? [];

    public JsonObject? Evse(string uid) => Find(Evses, "uid", uid);

    public JsonObject? Connector(string uid, string connectorId) =>
        Evse(uid)?["connectors"] is JsonArray connectors ? Find(connectors, "id", connectorId) : null;

    private static JsonObject? Find(JsonArray list, string idName, string id) => IndexOf(list, idName, id) is >= 0 and var i ? (JsonObject)list[i]! : null;

    private static int IndexOf(JsonArray list, string idName, string id)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] is JsonObject item && OcpiDocument.IdIs(item[idName], id))
                return i;
        return -1;
    }

    /// <summary>The object a path names, or null when it does not exist.</summary>
    public JsonObject? At(LocationPath path) => path switch
    {
        { EvseUid: null } => Root,
        { ConnectorId: null } => Evse(path.EvseUid),
        _ => Connector(path.EvseUid, path.ConnectorId),
    };

    public void PutEvse(Evse evse)
    {
        var node = OcpiDocument.ToObject(evse);
        Replace(Root, "evses", "uid", evse.Uid!, node);
        Root["last_updated"] = node["last_updated"]!.DeepClone();
    }

    public void PutConnector(string evseUid, Connector connector)
    {
        var evse = Evse(evseUid) ?? throw UnknownEvse(evseUid);
        var node = OcpiDocument.ToObject(connector);
        Replace(evse, "connectors", "id", connector.Id!, node);
        evse["last_updated"] = node["last_updated"]!.DeepClone();
        Root["last_updated"] = node["last_updated"]!.DeepClone();
    }

    /// <summary>Merges the fields a PATCH carries into the object at <paramref name="path"/> and propagates last_updated.</summary>
    public void Patch(LocationPath path, JsonObject patch)
    {
        var target = At(path) ?? throw (path.ConnectorId is null ? UnknownEvse(path.EvseUid!) : UnknownConnector(path));
        OcpiDocument.Merge(target, patch);
        var lastUpdated = patch["last_updated"]!;
        if (path.EvseUid is not null) Root["last_updated"] = lastUpdated.DeepClone();
        if (path.ConnectorId is not null) Evse(path.EvseUid!)!["last_updated"] = lastUpdated.DeepClone();
    }

    private static void Replace(JsonObject parent, string listName, string idName, string id, JsonObject node)
    {
        if (parent[listName] is not JsonArray list)
            parent[listName] = list = [];
        var index = IndexOf(list, idName, id);
        if (index >= 0) list[index] = node;
        else list.Add(node);
    }

    private static RequestRejectedException UnknownEvse(string uid) =>
        new(RejectionKind.NotFound, $"Unknown EVSE {uid} in this location: PUT the EVSE (or the whole location) first");

    private static RequestRejectedException UnknownConnector(LocationPath path) =>
        new(RejectionKind.NotFound, $"Unknown connector {path}: PUT the connector (or its EVSE) first");
}
