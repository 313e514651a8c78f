using FluentValidation;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Validation.Common;

namespace Platform.Ocpi.Validation.Locations;

/// <summary>A Connector pushed whole (PUT on .../{evse_uid}/{connector_id}, or inside an EVSE).</summary>
public sealed class ConnectorPutValidator() : ConnectorRules(patch: false);

/// <summary>A Connector PATCH delta, e.g. <c>{"tariff_ids":["15"],"last_updated":…}</c>.</summary>
public sealed class ConnectorPatchValidator() : ConnectorRules(patch: true);

/// <summary>2.2.1 mod_locations §Connector object.</summary>
public abstract class ConnectorRules : PutOrPatchValidator<Connector>
{
    protected ConnectorRules(bool patch) : base(patch)
    {
        RequiredText(x => x.Id).CiString(36);
        Required(x => x.Standard).Defined();
        Required(x => x.Format).Defined();
        Required(x => x.PowerType).Defined();
        // The spec gives no range; a connector of 0 V or 0 A cannot charge, so such values are data errors, and the
        // upper bounds sit well above the largest chargers built (megawatt charging: 1,250 V, 3,000 A, 3.75 MW).
        Required(x => x.MaxVoltage).Positive().AtMost(5_000);
        Required(x => x.MaxAmperage).Positive().AtMost(10_000);
        RuleFor(x => x.MaxElectricPower).Positive().AtMost(20_000_000);
        RuleFor(x => x.TariffIds).NoNullElements();
        RuleForEach(x => x.TariffIds).NotEmpty().WithMessage("must not be empty").CiString(36);
        RuleFor(x => x.TermsAndConditions).OcpiUrl();
        RuleFor(x => x.LastUpdated).Required();
    }
}
