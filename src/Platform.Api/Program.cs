using Platform.Api;
using Serilog;

// Two-stage start-up logging: a console logger until the host's own (configured) logger exists.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    var app = PlatformApp.Build(PlatformApp.CreateBuilder(args));
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "Platform stopped on an unexpected error");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
