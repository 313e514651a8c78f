using System.Linq.Expressions;
using System.Text;
using FluentValidation;
using FluentValidation.Results;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.ChargingProfiles;
using Platform.Ocpi.Model.Commands;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.HubClientInfo;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;
using Platform.Ocpi.Validation;

namespace Platform.UnitTests.Wire;

/// <summary>The wrapper of the location_energymix_example_* files: the spec includes only the inner lines.</summary>
internal sealed record EnergyMixWrapper
{
    public EnergyMix? EnergyMix { get; init; }
}

/// <summary>The wrapper of location_regularhours_example.json.</summary>
internal sealed record OpeningTimesWrapper
{
    public Hours? OpeningTimes { get; init; }
}

/// <summary>How a test reads, validates and writes one kind of body. <see cref="Validate"/> is null where no validator applies.</summary>
internal sealed record WireKind(
    string Name,
    Func<string, (object? Value, JsonReadError? Error)> Read,
    Func<object, ValidationResult>? Validate,
    Func<object, string> Write);

/// <summary>Every body kind the tests use, by name: "Location" (PUT), "Location.patch", "Envelope&lt;Token[]&gt;", …</summary>
internal static class Kinds
{
    private static WireKind Kind<T>(string name, IValidator<T>? validator) => new(
        name,
        json => OcpiJson.TryRead<T>(Encoding.UTF8.GetBytes(json), out var value, out var error) ? (value, null) : (null, error),
        validator is null ? null : value => validator.Validate((T)value),
        value => OcpiJson.Serialize((T)value));

    private static WireKind Put<T>() => Kind(typeof(T).Name, WireValidators.Put<T>());

    private static WireKind Patch<T>() => Kind(typeof(T).Name + ".patch", WireValidators.Patch<T>());

    private static WireKind Wrapped<TWrapper, T>(string name, Expression<Func<TWrapper, T?>> inner) where T : class =>
        Kind(name, new InlineValidator<TWrapper> { v => v.RuleFor(inner).NotNull().SetValidator(WireValidators.Put<T>()!) });

    private static WireKind Envelope<T>(string name, IValidator<OcpiResponse<T>>? validator) => Kind(name, validator);

    public static readonly IReadOnlyDictionary<string, WireKind> All = new[]
    {
        Put<Location>(), Patch<Location>(), Put<Evse>(), Patch<Evse>(), Put<Connector>(), Patch<Connector>(),
        Put<Session>(), Patch<Session>(), Put<Token>(), Patch<Token>(),
        Put<Hours>(), Put<EnergyMix>(), Put<DisplayText>(), Put<Cdr>(), Put<Tariff>(),
        Put<Ocpi.Model.Credentials.Credentials>(),
        Put<ChargingPreferences>(), Put<AuthorizationInfo>(), Put<LocationReferences>(),
        Put<CancelReservation>(), Put<ReserveNow>(), Put<StartSession>(), Put<StopSession>(), Put<UnlockConnector>(),
        Put<CommandResponse>(), Put<CommandResult>(),
        Put<SetChargingProfile>(), Put<ActiveChargingProfile>(), Put<ChargingProfileResponse>(),
        Put<ActiveChargingProfileResult>(), Put<ChargingProfileResult>(), Put<ClearProfileResult>(),
        Put<ClientInfo>(),
        Wrapped<EnergyMixWrapper, EnergyMix>("{energy_mix}", w => w.EnergyMix),
        Wrapped<OpeningTimesWrapper, Hours>("{opening_times}", w => w.OpeningTimes),
        // The version objects have no validator in this project yet; they are read and written back only.
        Kind<VersionDetails>("VersionDetails", null),
        Kind<List<VersionInfo>>("VersionInfo[]", null),
        Envelope("Envelope<Token>", new InlineValidator<OcpiResponse<Token>>
            { v => v.RuleFor(e => e.Data).NotNull().SetValidator(WireValidators.Put<Token>()!) }),
        Envelope("Envelope<Token[]>", new InlineValidator<OcpiResponse<List<Token>>>
            { v => v.RuleForEach(e => e.Data).SetValidator(WireValidators.Put<Token>()) }),
        Envelope<VersionDetails>("Envelope<VersionDetails>", null),
        Envelope<List<VersionInfo>>("Envelope<VersionInfo[]>", null),
    }.ToDictionary(k => k.Name);

    public static WireKind Get(string name) =>
        All.TryGetValue(name, out var kind) ? kind : throw new ArgumentException($"no wire kind '{name}'");

    /// <summary>Reads <paramref name="json"/> as <paramref name="kind"/>; fails the test on a read error.</summary>
    public static object ReadOk(string kind, string json)
    {
        var (value, error) = Get(kind).Read(json);
        Assert.True(error is null, $"{kind} did not read: {error}");
        return value!;
    }

    /// <summary>The validation failures of <paramref name="json"/> read as <paramref name="kind"/>, as "path: message; …".</summary>
    public static string Problems(string kind, string json)
    {
        var wire = Get(kind);
        var result = wire.Validate!(ReadOk(kind, json));
        return OcpiValidation.Describe(result);
    }

    /// <summary>Flattens a table of (kind, paths) into one theory row per (kind, path).</summary>
    public static TheoryData<string, string> PathRows(IEnumerable<(string Kind, string[] Paths)> table)
    {
        var data = new TheoryData<string, string>();
        foreach (var (kind, paths) in table)
            foreach (var path in paths)
                data.Add(kind, path);
        return data;
    }
}
