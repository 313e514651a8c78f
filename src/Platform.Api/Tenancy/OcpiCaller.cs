namespace Platform.Api.Tenancy;

/// <summary>The authenticated peer connection behind the current OCPI request (scoped; set by the middleware).</summary>
public sealed class OcpiCaller
{
    public AuthenticatedToken? Token { get; set; }

    /// <summary>The call's log scope (<see cref="OcpiAuthentication"/>), which routing completes.</summary>
    public OcpiLogScope? LogScope { get; set; }

    public string ConnectionId => Token?.ConnectionId ?? throw new InvalidOperationException("The OCPI request is not authenticated");

    public bool IsTokenA => Token?.Kind == CredentialsTokenKind.A;
}
