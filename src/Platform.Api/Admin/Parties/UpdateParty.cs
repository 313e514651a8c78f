using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Validation;

namespace Platform.Api.Admin.Parties;

public sealed record UpdatePartyBody(string? Name, IReadOnlyList<Role>? Roles);

public sealed record UpdateParty(string CountryCode, string PartyId, string? Name, IReadOnlyList<Role>? Roles) : IRequest<PartyView>, ITransactional;

public sealed class UpdatePartyValidator : AbstractValidator<UpdateParty>
{
    public UpdatePartyValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("must not be empty").OcpiString(100).When(x => x.Name is not null);
        RuleFor(x => x.Roles).NotEmpty().WithMessage("must name at least one role")
            .Must(r => r!.All(CreatePartyValidator.HostableRoles.Contains))
            .WithMessage($"may only hold {string.Join(", ", CreatePartyValidator.HostableRoles)}").When(x => x.Roles is not null);
    }
}

public sealed class UpdatePartyHandler(PartyStore parties) : IRequestHandler<UpdateParty, PartyView>
{
    public async ValueTask<PartyView> Handle(UpdateParty request, CancellationToken ct)
    {
        var party = await parties.FindAsync(request.CountryCode, request.PartyId, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"No hosted party {PartyKey.Of(request.CountryCode, request.PartyId)}");
        await parties.UpdateAsync(party.Id, request.Name ?? party.Name, request.Roles is null ? party.Roles : PartyRoles.Format(request.Roles), ct);
        return await GetPartiesHandler.OfAsync(parties, request.CountryCode, request.PartyId, ct);
    }
}
