using Microsoft.Extensions.Logging;
using Platform.Api.Tenancy;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Platform.UnitTests.Logging;

/// <summary>An OCPI call's one log scope names its connection from the start and its parties once routing fills them in.</summary>
public class OcpiLogScopeTests
{
    private sealed class Lines : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    [Fact]
    public void Lines_carry_the_connection_and_after_routing_the_parties()
    {
        var lines = new Lines();
        using var serilog = new Serilog.LoggerConfiguration().Enrich.FromLogContext().WriteTo.Sink(lines).CreateLogger();
        using var provider = new SerilogLoggerProvider(serilog);
        var logger = provider.CreateLogger("test");
        var scope = new OcpiLogScope("conn-1");

        using (logger.BeginScope(scope))
        {
            logger.LogInformation("before routing");
            scope.Routed("NL*CPO", "DE*MSP");
            logger.LogInformation("in the handler");
        }
        logger.LogInformation("after the call");

        string? Property(int line, string name) => lines.Events[line].Properties.TryGetValue(name, out var value) ? ((ScalarValue)value).Value as string : null;
        Assert.Equal(["conn-1", null, null], [Property(0, "OcpiConnectionId"), Property(0, "HostedParty"), Property(0, "RemoteParty")]);
        Assert.Equal(["conn-1", "NL*CPO", "DE*MSP"], [Property(1, "OcpiConnectionId"), Property(1, "HostedParty"), Property(1, "RemoteParty")]);
        Assert.Null(Property(2, "OcpiConnectionId"));
    }
}
