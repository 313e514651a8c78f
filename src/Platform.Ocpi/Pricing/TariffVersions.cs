using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Tariffs;

namespace Platform.Ocpi.Pricing;

/// <summary>The version of a tariff an audit prices a CDR with, or why there is none.</summary>
public sealed record TariffVersionChoice(Tariff? Tariff, string? Reason);

/// <summary>
/// Which version of a tariff applied to a session. A CDR reflects the tariffs as they were at session start
/// (2.2.1 mod_cdrs §CDR object), and a tariff changed later must not make it look wrong:
/// <list type="number">
/// <item>When the CDR embeds the tariff, the held version with the same <c>last_updated</c> is used (our copy, not
/// the CPO's word); a version we never received makes the CDR unverifiable.</item>
/// <item>Otherwise the newest version last updated at or before the session start; when every version we hold is
/// newer, the tariff changed after the session and the CDR is unverifiable.</item>
/// </list>
/// </summary>
public static class TariffVersions
{
    /// <summary>Two last_updated values name the same version when they are within this of each other (DateTime forms differ).</summary>
    private static readonly TimeSpan SameVersion = TimeSpan.FromSeconds(1);

    public static TariffVersionChoice Choose(string tariffId, Cdr cdr, IReadOnlyList<Tariff> held)
    {
        var versions = held.Where(t => CiString.Equal(t.Id, tariffId) && t.LastUpdated is not null).OrderBy(t => t.LastUpdated).ToList();
        if (versions.Count == 0) return new(null, $"tariff {tariffId} is unknown: the CPO never sent it to us");
        var embedded = cdr.Tariffs?.FirstOrDefault(t => CiString.Equal(t.Id, tariffId));
        if (embedded?.LastUpdated is { } cited)
        {
            var same = versions.LastOrDefault(v => (v.LastUpdated!.Value - cited).Duration() < SameVersion);
            return same is not null
                ? new(same, null)
                : new(null, $"the CDR prices with version {Stamp(cited)} of tariff {tariffId}, which the CPO never sent us (we hold {string.Join(", ", versions.Select(v => Stamp(v.LastUpdated!.Value)))})");
        }
        var start = cdr.StartDateTime ?? DateTime.MaxValue;
        var before = versions.LastOrDefault(v => v.LastUpdated <= start);
        return before is not null
            ? new(before, null)
            : new(null, $"tariff {tariffId} changed after the session started ({Stamp(start)}): the oldest version we hold is from {Stamp(versions[0].LastUpdated!.Value)}");
    }

    private static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Which of a CPO's own tariffs prices a new session at a connector.</summary>
public static class TariffChoice
{
    /// <summary>
    /// The version in force at <paramref name="start"/>: the newest last updated at or before it, else the oldest we
    /// have (a tariff written while the session ran). Null when that version's start_date_time/end_date_time window
    /// excludes the session start, or it is an AD_HOC_PAYMENT tariff (no eMSP is billed for those).
    /// </summary>
    public static Tariff? InForce(IReadOnlyList<Tariff> versions, DateTime start)
    {
        var ordered = versions.Where(v => v.LastUpdated is not null).OrderBy(v => v.LastUpdated).ToList();
        var version = ordered.LastOrDefault(v => v.LastUpdated <= start) ?? ordered.FirstOrDefault();
        if (version is null || version.Type == TariffType.AD_HOC_PAYMENT) return null;
        if (version.StartDateTime is { } from && start < from) return null;
        if (version.EndDateTime is { } until && start >= until) return null;
        return version;
    }
}
