using System.Collections.Frozen;
using FluentValidation;
using Platform.Ocpi.Validation.Cdrs;
using Platform.Ocpi.Validation.ChargingProfiles;
using Platform.Ocpi.Validation.Commands;
using Platform.Ocpi.Validation.Common;
using Platform.Ocpi.Validation.Credentials;
using Platform.Ocpi.Validation.HubClientInfo;
using Platform.Ocpi.Validation.Locations;
using Platform.Ocpi.Validation.Sessions;
using Platform.Ocpi.Validation.Tariffs;
using Platform.Ocpi.Validation.Tokens;

namespace Platform.Ocpi.Validation;

/// <summary>
/// The one place to get the validator for a wire object.
/// <list type="bullet">
/// <item>Naming: the five objects that are both PUT and PATCHed (Location, Evse, Connector, Session, Token) have
/// <c>XPutValidator</c> (complete object, every required field) and <c>XPatchValidator</c> (only the fields present
/// are checked; <c>last_updated</c> is required), both built from <c>XRules</c>. Every other object has one
/// <c>XValidator</c> that checks the complete object, whether it is PUT (Tariff, ClientInfo), POSTed (Cdr, the
/// command bodies, results), sent as response data (CommandResponse, AuthorizationInfo) or nested.</item>
/// <item><see cref="Put{T}"/> returns the complete-object validator of any wire type; <see cref="Patch{T}"/> the
/// PATCH validator of the five patchable types. Validators are stateless, so the instances are shared.</item>
/// <item>Failures name wire paths (<c>evses[0].connectors[1].max_voltage</c>); format them with
/// <see cref="OcpiValidation.Describe(FluentValidation.Results.ValidationResult)"/>.</item>
/// </list>
/// </summary>
public static class WireValidators
{
    private static readonly FrozenDictionary<Type, IValidator> Complete = new IValidator[]
    {
        new LocationPutValidator(), new EvsePutValidator(), new ConnectorPutValidator(),
        new GeoLocationValidator(), new AdditionalGeoLocationValidator(), new HoursValidator(), new RegularHoursValidator(),
        new ExceptionalPeriodValidator(), new EnergyMixValidator(), new EnergySourceValidator(),
        new EnvironmentalImpactValidator(), new PublishTokenTypeValidator(), new StatusScheduleValidator(),
        new SessionPutValidator(), new ChargingPreferencesValidator(), new CdrTokenValidator(),
        new ChargingPeriodValidator(), new CdrDimensionValidator(),
        new CdrValidator(), new CdrLocationValidator(), new SignedDataValidator(), new SignedValueValidator(),
        new TariffValidator(), new TariffElementValidator(), new PriceComponentValidator(), new TariffRestrictionsValidator(),
        new TokenPutValidator(), new EnergyContractValidator(), new AuthorizationInfoValidator(), new LocationReferencesValidator(),
        new CancelReservationValidator(), new ReserveNowValidator(), new StartSessionValidator(), new StopSessionValidator(),
        new UnlockConnectorValidator(), new CommandResponseValidator(), new CommandResultValidator(),
        new ChargingProfileValidator(), new ChargingProfilePeriodValidator(), new SetChargingProfileValidator(),
        new ActiveChargingProfileValidator(), new ChargingProfileResponseValidator(), new ActiveChargingProfileResultValidator(),
        new ChargingProfileResultValidator(), new ClearProfileResultValidator(),
        new ClientInfoValidator(),
        new CredentialsValidator(), new CredentialsRoleValidator(), new BusinessDetailsValidator(), new ImageValidator(),
        new DisplayTextValidator(), new PriceValidator(),
    }.ToFrozenDictionary(ValidatedType);

    private static readonly FrozenDictionary<Type, IValidator> Patches = new IValidator[]
    {
        new LocationPatchValidator(), new EvsePatchValidator(), new ConnectorPatchValidator(),
        new SessionPatchValidator(), new TokenPatchValidator(),
    }.ToFrozenDictionary(ValidatedType);

    /// <summary>The validator for a complete <typeparamref name="T"/> (PUT or POST body, response data, nested object).</summary>
    public static IValidator<T> Put<T>() =>
        Complete.TryGetValue(typeof(T), out var v) ? (IValidator<T>)v
            : throw new ArgumentException($"{typeof(T).Name} is not an OCPI wire object with a validator");

    /// <summary>The PATCH validator: only Location, Evse, Connector, Session and Token are PATCHed in 2.2.1.</summary>
    public static IValidator<T> Patch<T>() =>
        Patches.TryGetValue(typeof(T), out var v) ? (IValidator<T>)v
            : throw new ArgumentException($"{typeof(T).Name} is never PATCHed in OCPI 2.2.1");

    public static bool CanPatch<T>() => Patches.ContainsKey(typeof(T));

    /// <summary>
    /// The wire rules of a whole object (<paramref name="patch"/> null), or of a PATCH delta together with the fields
    /// its JSON sets to an explicit null.
    /// </summary>
    public static IEnumerable<FluentValidation.Results.ValidationFailure> Check<T>(T value, System.Text.Json.Nodes.JsonObject? patch) =>
        patch is null
            ? Put<T>().Validate(value).Errors
            : Patch<T>().Validate(value).Errors.Concat(NulledRequiredFields<T>(patch));

    /// <summary>
    /// Failures for the fields a PATCH sets to an explicit <c>null</c> that the object requires (2.2.1
    /// transport_and_format §PATCH: a PATCH cannot remove what a whole object must have). Optional fields may be nulled.
    /// </summary>
    public static IEnumerable<FluentValidation.Results.ValidationFailure> NulledRequiredFields<T>(System.Text.Json.Nodes.JsonObject patch)
    {
        var required = ((Common.PutOrPatchValidator<T>)Patch<T>()).RequiredFields;
        return patch.Where(p => p.Value is null && (required.Contains(p.Key) || p.Key == "last_updated"))
            .Select(p => new FluentValidation.Results.ValidationFailure(p.Key, $"{p.Key} is required and cannot be set to null"));
    }

    private static Type ValidatedType(IValidator validator) =>
        validator.GetType().GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .GetGenericArguments()[0];
}
