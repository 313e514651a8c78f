namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// The most common scenario set-up: one instance hosting CPO NL*CPO, another hosting eMSP DE*MSP, the eMSP
/// registered with the CPO through the admin APIs.
/// </summary>
public sealed record CpoAndEmsp(PlatformInstance Cpo, PlatformInstance Emsp, Link Link) : IAsyncDisposable
{
    private readonly Dictionary<PlatformInstance, Link> _others = [];

    /// <summary>Another instance hosting one eMSP, registered with the CPO too; the caller disposes it.</summary>
    public async Task<PlatformInstance> AddEmspAsync(string countryCode, string partyId)
    {
        var emsp = await PlatformInstance.StartAsync();
        await emsp.CreatePartyAsync(countryCode, partyId, "EMSP");
        _others[emsp] = await PlatformInstance.ConnectAsync(Cpo, ["NL*CPO"], emsp, [$"{countryCode}*{partyId}"]);
        return emsp;
    }

    /// <summary>The connection of an eMSP added with <see cref="AddEmspAsync"/>.</summary>
    public Link LinkOf(PlatformInstance emsp) => _others[emsp];

    public static async Task<CpoAndEmsp> StartAsync(InstanceSetup? setup = null)
    {
        var cpo = await PlatformInstance.StartAsync(setup);
        var emsp = await PlatformInstance.StartAsync(setup);
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        return new CpoAndEmsp(cpo, emsp, await PlatformInstance.ConnectAsync(cpo, ["NL*CPO"], emsp, ["DE*MSP"]));
    }

    public async ValueTask DisposeAsync()
    {
        await Cpo.DisposeAsync();
        await Emsp.DisposeAsync();
    }
}
