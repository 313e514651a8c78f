namespace Platform.Api.Admin.Connections;

/// <summary>Turns the admin's <c>["NL*ABC", …]</c> into hosted parties, refusing unknown ones by name.</summary>
public sealed class ParticipantResolver(PartyStore parties)
{
    public async Task<IReadOnlyList<HostedParty>> ResolveAsync(IReadOnlyList<string>? keys, CancellationToken ct)
    {
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
        return found;
    }
}
