using Platform.Api.Infrastructure.Health;

namespace Platform.UnitTests.Health;

/// <summary>The one rule that turns peer-call outcomes and the delivery backlog into ok, degraded or down.</summary>
public sealed class ConnectionHealthRuleTests
{
    private static readonly DateTime Now = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly HealthOptions Options = new() { DownAfterSeconds = 300, BacklogSeconds = 300 };

    private static ConnectionHealth Judge(DateTime? failingSince = null, int failures = 0, int pending = 0, int failed = 0, DateTime? oldest = null) =>
        ConnectionHealth.Judge(new PeerOutcome("c", Now.AddMinutes(-20), failingSince, failingSince),
            new DeliveryBacklog("c", pending, failed, oldest), failures, Options, Now);

    [Fact]
    public void A_peer_that_answers_with_a_short_backlog_is_ok() =>
        Assert.Equal("ok", Judge(pending: 3, oldest: Now.AddSeconds(-30)).Status);

    [Fact]
    public void A_failing_peer_is_degraded_then_down_after_DownAfterSeconds()
    {
        Assert.Equal("degraded", Judge(failingSince: Now.AddSeconds(-10), failures: 1).Status);
        Assert.Equal("down", Judge(failingSince: Now.AddSeconds(-300), failures: 5).Status);
    }

    [Fact]
    public void Recent_failures_a_failed_delivery_or_an_old_backlog_each_degrade()
    {
        Assert.Equal("degraded", Judge(failures: 1).Status);
        Assert.Equal("degraded", Judge(failed: 1).Status);
        var old = Judge(pending: 1, oldest: Now.AddSeconds(-301));
        Assert.Equal("degraded", old.Status);
        Assert.Equal(301, old.OldestPendingSeconds);
    }

    [Fact]
    public void A_batch_ending_in_failure_starts_failing_at_its_first_failure_after_the_last_answer()
    {
        var batch = OutcomeBatch.Of("c", [(false, Now), (true, Now.AddSeconds(1)), (false, Now.AddSeconds(2)), (false, Now.AddSeconds(3))]);
        Assert.True(batch.Failing);
        Assert.Equal(Now.AddSeconds(2), batch.FailingSince);
        Assert.Equal(Now.AddSeconds(1), batch.LastSuccess);
        Assert.Equal(Now.AddSeconds(3), batch.LastFailure);
        Assert.Equal(3, batch.Failures.Count);
        Assert.False(OutcomeBatch.Of("c", [(false, Now), (true, Now.AddSeconds(1))]).Failing);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(404, true)]
    [InlineData(400, true)]
    [InlineData(401, false)]
    [InlineData(429, false)]
    [InlineData(503, false)]
    public void A_refusal_of_our_data_is_an_answer_a_server_error_or_refused_token_is_not(int status, bool answered) =>
        Assert.Equal(answered, Platform.Api.Infrastructure.Peers.PeerCalls.Answered(status));
}
