using Platform.Ocpi.Validation;

namespace Platform.Api.Admin.Connections;

/// <summary>
/// Limits on what the back office sends about connections: every stored string has a length, so one request cannot
/// make every later listing megabytes long.
/// </summary>
public static class ConnectionRequestRules
{
    public const int MaxName = 100;
    public const int MaxParties = 100;

    public static IRuleBuilderOptions<T, string?> ConnectionName<T>(this IRuleBuilder<T, string?> rule) => rule.OcpiString(MaxName);

    /// <summary>Party keys "NL*ABC": at most <see cref="MaxParties"/>, each short (the resolver says which exist).</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> PartyKeys<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(p => p is null || p.Count <= MaxParties).WithMessage($"must list at most {MaxParties} parties")
            .Must(p => p is null || p.All(k => k is null || k.Length <= 10)).WithMessage("must hold party keys like \"NL*ABC\"");
}

public sealed class CreateInvitationValidator : AbstractValidator<CreateInvitation>
{
    public CreateInvitationValidator()
    {
        RuleFor(x => x.Name).ConnectionName();
        RuleFor(x => x.Parties).PartyKeys();
        RuleFor(x => x.Version).MaximumLength(10).WithMessage("must be an OCPI version such as 2.1.1");
        RuleFor(x => x.Role).MaximumLength(10).WithMessage("must be CPO or EMSP");
    }
}

public sealed class CreateInternalConnectionValidator : AbstractValidator<CreateInternalConnection>
{
    public CreateInternalConnectionValidator()
    {
        RuleFor(x => x.Name).ConnectionName();
        RuleFor(x => x.Parties).PartyKeys();
    }
}

public sealed class ConnectToPeerValidator : AbstractValidator<ConnectToPeer>
{
    public ConnectToPeerValidator()
    {
        RuleFor(x => x.Name).ConnectionName();
        RuleFor(x => x.Parties).PartyKeys();
        RuleFor(x => x.VersionsUrl).MaximumLength(255).WithMessage("must be at most 255 characters");
        // 2.2.1 credentials: the token is string(64).
        RuleFor(x => x.Token).MaximumLength(64).WithMessage("must be at most 64 characters");
        RuleFor(x => x.Version).MaximumLength(10).WithMessage("must be an OCPI version such as 2.1.1");
        RuleFor(x => x.Role).MaximumLength(10).WithMessage("must be CPO or EMSP");
    }
}
