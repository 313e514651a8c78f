using Microsoft.Testing.Platform.Builder;
using Microsoft.Testing.Platform.CommandLine;
using Microsoft.Testing.Platform.Extensions;
using Microsoft.Testing.Platform.Extensions.CommandLine;

namespace Platform.TestSupport;

/// <summary>
/// Accepts (and ignores) <c>-nologo</c>: scripts written for the VSTest runner pass it to <c>dotnet test</c>, which
/// under Microsoft.Testing.Platform forwards it to the test application; unknown there, it would end the run with
/// exit code 5 before a single test ran.
/// </summary>
public static class AcceptNoLogo
{
    public static void AddExtensions(ITestApplicationBuilder builder, string[] _) =>
        builder.CommandLine.AddProvider(() => new NoLogoOption());

    private sealed class NoLogoOption : ICommandLineOptionsProvider
    {
        public string Uid => "Platform.TestSupport.NoLogo";
        public string Version => "1.0.0";
        public string DisplayName => "Accepts -nologo";
        public string Description => "Accepts the VSTest-era -nologo flag and ignores it.";

        public Task<bool> IsEnabledAsync() => Task.FromResult(true);

        public IReadOnlyCollection<CommandLineOption> GetCommandLineOptions() =>
            [new CommandLineOption("nologo", "Ignored (accepted for VSTest-era scripts).", ArgumentArity.Zero, isHidden: true)];

        public Task<ValidationResult> ValidateOptionArgumentsAsync(CommandLineOption commandOption, string[] arguments) => ValidationResult.ValidTask;

        public Task<ValidationResult> ValidateCommandLineOptionsAsync(ICommandLineOptions commandLineOptions) => ValidationResult.ValidTask;
    }
}
