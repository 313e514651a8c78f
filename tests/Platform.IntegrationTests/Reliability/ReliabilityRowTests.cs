using Platform.Reliability.Rows;

namespace Platform.IntegrationTests.Reliability;

/// <summary>
/// The reliability suite's rows (tests/Platform.Reliability, compiled here from the same files) at CI scale, so that
/// `dotnet test` keeps them holding; the full and quick runs are the suite's own command (its README).
/// </summary>
public sealed class ReliabilityInProcessRowTests
{
    [Fact]
    public async Task R1_isolation_matrix_holds() => Holds(await IsolationMatrix.RunAsync(RowScale.Ci));

    [Fact]
    public async Task R2_bad_input_corpus_holds() => Holds(await BadInputCorpus.RunAsync(RowScale.Ci));

    [Fact]
    public async Task R5_token_hygiene_holds() => Holds(await TokenHygiene.RunAsync(RowScale.Ci));

    [Fact]
    public async Task R7_outbound_url_policy_holds() => Holds(await OutboundUrls.RunAsync(RowScale.Ci));

    internal static void Holds(RowResult row) => Assert.True(row.Holds, row.ToString());
}

/// <summary>The rows that run platforms as child processes or take a peer down, at CI scale.</summary>
public sealed class ReliabilityProcessRowTests
{
    [Fact]
    public async Task R3_peer_outage_holds() => ReliabilityInProcessRowTests.Holds(await PeerOutage.RunAsync(RowScale.Ci));

    [Fact]
    public async Task R4_kill_rounds_hold() => ReliabilityInProcessRowTests.Holds(await CrashRounds.RunAsync(RowScale.Ci));

    [Fact]
    public async Task R6_two_nodes_on_one_database_hold() => ReliabilityInProcessRowTests.Holds(await TwoNodes.RunAsync(RowScale.Ci));
}
