using FluentValidation;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Validation.Common;
using Platform.Ocpi.Validation.Credentials;

namespace Platform.Ocpi.Validation.Locations;

/// <summary>An EVSE pushed whole (PUT on .../{location_id}/{evse_uid}, or inside a Location).</summary>
public sealed class EvsePutValidator() : EvseRules(patch: false);

/// <summary>An EVSE PATCH delta, e.g. <c>{"status":"CHARGING","last_updated":…}</c>.</summary>
public sealed class EvsePatchValidator() : EvseRules(patch: true);

/// <summary>2.2.1 mod_locations §EVSE object.</summary>
public abstract class EvseRules : PutOrPatchValidator<Evse>
{
    protected EvseRules(bool patch) : base(patch)
    {
        RequiredText(x => x.Uid).LocationIdString();
        RuleFor(x => x.EvseId).CiString(48);
        Required(x => x.Status).Defined();
        RuleFor(x => x.StatusSchedule).NoNullElements();
        RuleForEach(x => x.StatusSchedule).SetValidator(new StatusScheduleValidator());
        RuleForEach(x => x.Capabilities).Defined();
        AtLeastOne(x => x.Connectors).NoNullElements().UniqueBy(c => c.Id, "id");
        RuleForEach(x => x.Connectors).SetValidator(new ConnectorPutValidator());
        RuleFor(x => x.FloorLevel).OcpiString(4);
        RuleFor(x => x.Coordinates).SetValidator(new GeoLocationValidator()!);
        RuleFor(x => x.PhysicalReference).OcpiString(16);
        RuleFor(x => x.Directions).NoNullElements();
        RuleForEach(x => x.Directions).SetValidator(new DisplayTextValidator());
        RuleForEach(x => x.ParkingRestrictions).Defined();
        RuleFor(x => x.Images).NoNullElements();
        RuleForEach(x => x.Images).SetValidator(new ImageValidator());
        RuleFor(x => x.LastUpdated).Required();
    }
}

/// <summary>2.2.1 mod_locations §StatusSchedule.</summary>
public sealed class StatusScheduleValidator : AbstractValidator<StatusSchedule>
{
    public StatusScheduleValidator()
    {
        RuleFor(x => x.PeriodBegin).Required();
        RuleFor(x => x.PeriodEnd).Must((s, end) => end is null || s.PeriodBegin is null || end > s.PeriodBegin)
            .WithMessage("must be after period_begin");
        RuleFor(x => x.Status).Required().Defined();
    }
}
