using Platform.Api.Infrastructure;

namespace Platform.Api.Modules.Cdrs.Audit;

/// <summary><c>Cdrs</c>: how a hosted eMSP audits the CDRs it receives.</summary>
public sealed class CdrAuditOptions
{
    public const string Section = "Cdrs";

    /// <summary>The largest difference, in the CDR's currency, that an audit still calls a match (ADMIN-API.md).</summary>
    [SettingRange("Cdrs:AuditTolerance", 0, 1_000_000)]
    public decimal AuditTolerance { get; set; } = 0.01m;
}
