using System.Text.Json.Serialization;

namespace Platform.Ocpi.Model.Versions;

/// <summary>2.2.1 version_information_endpoint §ModuleID.</summary>
public enum ModuleId
{
    [JsonStringEnumMemberName("cdrs")] Cdrs,
    [JsonStringEnumMemberName("chargingprofiles")] ChargingProfiles,
    [JsonStringEnumMemberName("commands")] Commands,
    [JsonStringEnumMemberName("credentials")] Credentials,
    [JsonStringEnumMemberName("hubclientinfo")] HubClientInfo,
    [JsonStringEnumMemberName("locations")] Locations,
    [JsonStringEnumMemberName("sessions")] Sessions,
    [JsonStringEnumMemberName("tariffs")] Tariffs,
    [JsonStringEnumMemberName("tokens")] Tokens,
}

/// <summary>The wire strings of <see cref="ModuleId"/>.</summary>
public static class ModuleIds
{
    public const string Cdrs = "cdrs";
    public const string ChargingProfiles = "chargingprofiles";
    public const string Commands = "commands";
    public const string Credentials = "credentials";
    public const string HubClientInfo = "hubclientinfo";
    public const string Locations = "locations";
    public const string Sessions = "sessions";
    public const string Tariffs = "tariffs";
    public const string Tokens = "tokens";

    public static string Name(ModuleId id) => id switch
    {
        ModuleId.Cdrs => Cdrs,
        ModuleId.ChargingProfiles => ChargingProfiles,
        ModuleId.Commands => Commands,
        ModuleId.Credentials => Credentials,
        ModuleId.HubClientInfo => HubClientInfo,
        ModuleId.Locations => Locations,
        ModuleId.Sessions => Sessions,
        ModuleId.Tariffs => Tariffs,
        ModuleId.Tokens => Tokens,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, null),
    };
}
