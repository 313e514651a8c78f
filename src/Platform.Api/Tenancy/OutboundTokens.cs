using Microsoft.AspNetCore.DataProtection;

namespace Platform.Api.Tenancy;

/// <summary>Encrypts at rest the tokens we call peers with (ASP.NET Data Protection; key ring in the database).</summary>
public sealed class OutboundTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Platform.Connections.OutboundToken.v1");

    public string Protect(string token) => _protector.Protect(token);

    public string Unprotect(string protectedToken) => _protector.Unprotect(protectedToken);
}
