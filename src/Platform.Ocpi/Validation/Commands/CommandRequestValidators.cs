using FluentValidation;
using Platform.Ocpi.Model.Commands;
using Platform.Ocpi.Validation.Tokens;

namespace Platform.Ocpi.Validation.Commands;

// 2.2.1 mod_commands: the five request bodies. The CPO SHALL NOT check the token's validity (the eMSP already
// authorized it), but its shape must still be a complete Token so it can be written into the Session and CDR.

/// <summary>2.2.1 mod_commands §CancelReservation.</summary>
public sealed class CancelReservationValidator : AbstractValidator<CancelReservation>
{
    public CancelReservationValidator()
    {
        RuleFor(x => x.ResponseUrl).RequiredText().OcpiUrl();
        RuleFor(x => x.ReservationId).RequiredText().CiString(36);
    }
}

/// <summary>2.2.1 mod_commands §ReserveNow.</summary>
public sealed class ReserveNowValidator : AbstractValidator<ReserveNow>
{
    public ReserveNowValidator()
    {
        RuleFor(x => x.ResponseUrl).RequiredText().OcpiUrl();
        RuleFor(x => x.Token).Required().SetValidator(new TokenPutValidator()!);
        RuleFor(x => x.ExpiryDate).Required();
        RuleFor(x => x.ReservationId).RequiredText().CiString(36);
        RuleFor(x => x.LocationId).RequiredText().LocationIdString();
        RuleFor(x => x.EvseUid).LocationIdString();
        RuleFor(x => x.AuthorizationReference).CiString(36);
    }
}

/// <summary>2.2.1 mod_commands §StartSession.</summary>
public sealed class StartSessionValidator : AbstractValidator<StartSession>
{
    public StartSessionValidator()
    {
        RuleFor(x => x.ResponseUrl).RequiredText().OcpiUrl();
        RuleFor(x => x.Token).Required().SetValidator(new TokenPutValidator()!);
        RuleFor(x => x.LocationId).RequiredText().LocationIdString();
        // A connector id is only unique within its EVSE, so it means nothing without evse_uid.
        RuleFor(x => x.EvseUid).LocationIdString()
            .NotEmpty().When(x => !string.IsNullOrEmpty(x.ConnectorId), ApplyConditionTo.CurrentValidator)
            .WithMessage("is required when connector_id is set");
        RuleFor(x => x.ConnectorId).CiString(36);
        RuleFor(x => x.AuthorizationReference).CiString(36);
    }
}

/// <summary>2.2.1 mod_commands §StopSession.</summary>
public sealed class StopSessionValidator : AbstractValidator<StopSession>
{
    public StopSessionValidator()
    {
        RuleFor(x => x.ResponseUrl).RequiredText().OcpiUrl();
        RuleFor(x => x.SessionId).RequiredText().CiString(36);
    }
}

/// <summary>2.2.1 mod_commands §UnlockConnector.</summary>
public sealed class UnlockConnectorValidator : AbstractValidator<UnlockConnector>
{
    public UnlockConnectorValidator()
    {
        RuleFor(x => x.ResponseUrl).RequiredText().OcpiUrl();
        RuleFor(x => x.LocationId).RequiredText().LocationIdString();
        RuleFor(x => x.EvseUid).RequiredText().LocationIdString();
        RuleFor(x => x.ConnectorId).RequiredText().CiString(36);
    }
}
