using System.Collections;

namespace Platform.Api.Tenancy;

/// <summary>
/// The log scope of an OCPI call: its connection from the token check on, and its hosted and remote party once routing
/// has resolved them. One scope filled in as the call goes on, not one per middleware: each scope sets an async-local
/// when it begins and again when it ends, and each set copies the execution context, on every call.
/// </summary>
public sealed class OcpiLogScope(string connectionId) : IEnumerable<KeyValuePair<string, object>>
{
    private string? _hostedParty;
    private string? _remoteParty;

    /// <summary>Set by routing, before any handler runs.</summary>
    public void Routed(string hostedParty, string remoteParty) => (_hostedParty, _remoteParty) = (hostedParty, remoteParty);

    // Read by Serilog for each line logged in the scope, as a bag of properties.
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return new("OcpiConnectionId", connectionId);
        if (_hostedParty is { } hosted) yield return new("HostedParty", hosted);
        if (_remoteParty is { } remote) yield return new("RemoteParty", remote);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
