using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Api.Modules.Tariffs;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Pricing;

namespace Platform.Api.Modules.Cdrs.Audit;

/// <summary>
/// Checks every CDR a hosted eMSP receives against the tariff(s) it references, as this eMSP holds them (received
/// from the CPO), in the version that applied (<see cref="TariffVersions"/>), and stores the outcome with the CDR.
/// Never fails the receipt of a CDR: anything that prevents a check is an <c>unverifiable</c> audit with its reason.
/// </summary>
public sealed class CdrAuditor(TariffLookup tariffs, CdrAuditStore audits, IOptionsMonitor<CdrAuditOptions> options, TimeProvider clock,
    ILogger<CdrAuditor> logger)
{
    public async Task<AuditReport> AuditAsync(long emspPartyId, PartyRef cpo, Cdr cdr, CancellationToken ct)
    {
        var tolerance = options.CurrentValue.AuditTolerance;
        AuditReport report;
        IReadOnlyList<Tariff> used = [];
        try
        {
            (report, used) = await CheckAsync(emspPartyId, cpo, cdr, tolerance, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Audit of CDR {CdrId} of {Cpo} failed", cdr.Id, cpo);
            report = AuditReport.Unverifiable($"the audit failed: {e.Message}", cdr);
        }
        await audits.SaveAsync(emspPartyId, cpo.Key, cdr.Id!, report.Result.ToString(), Describe(report, used, tolerance).ToJsonString(OcpiJson.Options), ct);
        if (report.Result != AuditResult.match)
            logger.LogInformation("CDR {CdrId} of {Cpo} audited {AuditResult}: {Reason}", cdr.Id, cpo, report.Result, report.Reason);
        return report;
    }

    private async Task<(AuditReport, IReadOnlyList<Tariff>)> CheckAsync(long emspPartyId, PartyRef cpo, Cdr cdr, decimal tolerance, CancellationToken ct)
    {
        var ids = (cdr.ChargingPeriods ?? []).Select(p => p.TariffId).OfType<string>().ToList();
        if (ids.Count == 0) ids = (cdr.Tariffs ?? []).Select(t => t.Id).OfType<string>().ToList();
        ids = ids.Distinct(CiString.Comparer).ToList();
        if (ids.Count == 0) return (AuditReport.Unverifiable("the CDR names no tariff, neither in its charging periods nor in tariffs", cdr), []);

        var applied = new List<Tariff>();
        foreach (var id in ids)
        {
            var held = await tariffs.VersionsAsync(emspPartyId, ObjectSide.Received, cpo.Key, id, ct);
            var choice = TariffVersions.Choose(id, cdr, held);
            if (choice.Tariff is null) return (AuditReport.Unverifiable(choice.Reason!, cdr), applied);
            applied.Add(choice.Tariff);
        }

        var zone = cdr.CdrLocation?.Id is { } locationId ? await tariffs.TimeZoneAsync(emspPartyId, ObjectSide.Received, cpo.Key, locationId, ct) : null;
        if (zone is null && applied.Any(TariffLookup.IsLocal))
            return (AuditReport.Unverifiable($"the tariff depends on local time and the time zone of location {cdr.CdrLocation?.Id} is unknown here", cdr), applied);
        var cost = CdrPricing.Price(cdr, applied, zone ?? TimeZoneInfo.Utc);
        return (CdrAudit.Compare(cdr, cost, tolerance), applied);
    }

    /// <summary>The audit as the admin API shows it on each CDR (ADMIN-API.md: result, expected, charged, reason).</summary>
    private JsonObject Describe(AuditReport report, IReadOnlyList<Tariff> used, decimal tolerance)
    {
        var audit = new JsonObject
        {
            ["result"] = report.Result.ToString(),
            ["reason"] = report.Reason,
            ["expected"] = JsonSerializer.SerializeToNode(report.Expected, OcpiJson.Options),
            ["charged"] = JsonSerializer.SerializeToNode(report.Charged, OcpiJson.Options),
            ["differences"] = JsonSerializer.SerializeToNode(report.Differences, OcpiJson.Options),
            ["tolerance"] = tolerance,
            ["tariffs"] = new JsonArray(used.Select(t => (JsonNode)new JsonObject
            {
                ["country_code"] = t.CountryCode, ["party_id"] = t.PartyId, ["id"] = t.Id,
                ["last_updated"] = JsonSerializer.SerializeToNode(t.LastUpdated, OcpiJson.Options),
            }).ToArray()),
            ["explanation"] = JsonSerializer.SerializeToNode(report.Explanation, OcpiJson.Options),
            ["audited_at"] = JsonSerializer.SerializeToNode(clock.GetUtcNow().UtcDateTime, OcpiJson.Options),
        };
        return audit;
    }
}
