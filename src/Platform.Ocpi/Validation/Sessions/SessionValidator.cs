using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Validation.Common;

namespace Platform.Ocpi.Validation.Sessions;

/// <summary>A Session pushed whole (PUT replaces it, charging_periods included).</summary>
public sealed class SessionPutValidator() : SessionRules(patch: false);

/// <summary>A Session PATCH delta; its charging_periods are appended by the receiver (mod_sessions §PATCH).</summary>
public sealed class SessionPatchValidator() : SessionRules(patch: true);

/// <summary>2.2.1 mod_sessions §Session object.</summary>
public abstract class SessionRules : PutOrPatchValidator<Session>
{
    protected SessionRules(bool patch) : base(patch)
    {
        RequiredText(x => x.CountryCode).CiString(2).CountryCode();
        RequiredText(x => x.PartyId).CiString(3).PartyId();
        RequiredText(x => x.Id).CiString(36);
        Required(x => x.StartDateTime);
        Required(x => x.Kwh).NotNegative();
        Required(x => x.CdrToken).SetValidator(new CdrTokenValidator()!);
        Required(x => x.AuthMethod).Defined();
        RuleFor(x => x.AuthorizationReference).CiString(36);
        RequiredText(x => x.LocationId).LocationIdString();
        // "#NA" is allowed for a reservation without an EVSE or connector (types §#NA); it is a valid CiString(36).
        RequiredText(x => x.EvseUid).LocationIdString();
        RequiredText(x => x.ConnectorId).CiString(36);
        RuleFor(x => x.MeterId).OcpiString(255);
        RequiredText(x => x.Currency).OcpiString(3).Currency();
        RuleFor(x => x.ChargingPeriods).NoNullElements();
        RuleForEach(x => x.ChargingPeriods).SetValidator(new ChargingPeriodValidator());
        RuleFor(x => x.TotalCost).SetValidator(new PriceValidator()!);
        Required(x => x.Status).Defined();
        RuleFor(x => x.LastUpdated).Required();
    }
}
