namespace Platform.Api.Admin.Connections;

/// <summary>Turns the admin's <c>["NL*ABC", …]</c> into hosted parties, refusing unknown ones by name.</summary>
public sealed class ParticipantResolver(PartyStore parties)
{
    /// <param name="role">
    /// The one role of the parties the connection serves (CPO or EMSP): 2.1.1 pairs one CPO with one eMSP, so a
    /// party with both roles takes part in one 2.1.1 connection per role. Null: every role of each party.
    /// </param>
    public async Task<IReadOnlyList<HostedParty>> ResolveAsync(IReadOnlyList<string>? keys, CancellationToken ct, string? role = null)
    {
        var only = role switch
        {
            null => (Role?)null,
            _ when Enum.TryParse<Role>(role, ignoreCase: false, out var r) && r is Role.CPO or Role.EMSP => r,
            _ => throw new RequestRejectedException(RejectionKind.Invalid, "role: must be CPO or EMSP, the role of its parties the connection serves"),
        };
        if (keys is null || keys.Count == 0)
            throw new RequestRejectedException(RejectionKind.Invalid, "parties: name at least one hosted party, e.g. [\"NL*ABC\"]");
        var wanted = new List<string>();
        foreach (var key in keys)
        {
            if (!PartyKey.TryParse(key, out var cc, out var pid))
                throw new RequestRejectedException(RejectionKind.Invalid, $"parties: '{key}' is not COUNTRY*PARTY, e.g. NL*ABC");
            wanted.Add(PartyKey.Of(cc, pid));
        }
        var found = await parties.FindManyAsync(wanted.Distinct(), ct);
        var missing = wanted.Except(found.Select(p => p.Key)).ToList();
        if (missing.Count > 0)
            throw new RequestRejectedException(RejectionKind.Invalid, $"parties: no hosted party {string.Join(", ", missing)}");
        if (only is not { } served) return found;
        if (found.FirstOrDefault(p => !p.RoleList.Contains(served)) is { } other)
            throw new RequestRejectedException(RejectionKind.Invalid, $"role: {other.Key} is not a {served}");
        return [.. found.Select(p => p.As(served))];
    }
}
