using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Validation;

namespace Platform.Api.Admin.Parties;

public sealed record CreateParty(string? CountryCode, string? PartyId, IReadOnlyList<Role>? Roles, string? Name, string? Parent)
    : IRequest<PartyView>, ITransactional;

public sealed class CreatePartyValidator : AbstractValidator<CreateParty>
{
    public static readonly Role[] HostableRoles = [Role.CPO, Role.EMSP, Role.NSP, Role.OTHER, Role.SCSP];

    public CreatePartyValidator()
    {
        RuleFor(x => x.CountryCode).RequiredText().CountryCode();
        RuleFor(x => x.PartyId).RequiredText().PartyId();
        RuleFor(x => x.Name).RequiredText().OcpiString(100);
        RuleFor(x => x.Roles).NotEmpty().WithMessage("must name at least one role")
            .Must(r => r is null || r.All(HostableRoles.Contains)).WithMessage($"may only hold {string.Join(", ", HostableRoles)}");
        RuleFor(x => x.Parent).Must(p => p is null || PartyKey.TryParse(p, out _, out _))
            .WithMessage("must name a hosted party as COUNTRY*PARTY, e.g. NL*ABC");
    }
}

/// <summary>Creates a hosted party (a tenant); <c>parent</c> makes it a sub-operator of another hosted party.</summary>
public sealed class CreatePartyHandler(PartyStore parties) : IRequestHandler<CreateParty, PartyView>
{
    public async ValueTask<PartyView> Handle(CreateParty request, CancellationToken ct)
    {
        if (await parties.FindAsync(request.CountryCode!, request.PartyId!, ct) is not null)
            throw new RequestRejectedException(RejectionKind.Conflict, $"Party {PartyKey.Of(request.CountryCode!, request.PartyId!)} already exists");
        HostedParty? parent = null;
        if (request.Parent is { } p)
        {
            PartyKey.TryParse(p, out var cc, out var pid);
            parent = await parties.FindAsync(cc, pid, ct)
                ?? throw new RequestRejectedException(RejectionKind.Invalid, $"parent: no hosted party {p}");
        }
        var id = await parties.InsertAsync(request.CountryCode!.ToUpperInvariant(), request.PartyId!.ToUpperInvariant(), request.Name!,
            PartyRoles.Format(request.Roles!), parent?.Id, ct);
        var created = (await parties.FindAsync(request.CountryCode!, request.PartyId!, ct))!;
        return PartyView.Of(created, parent is null ? null : new Dictionary<long, HostedParty> { [parent.Id] = parent });
    }
}
