namespace Platform.Api.Infrastructure.Sending;

/// <summary>
/// The SQL every durable send queue shares (DESIGN.md "How an outbound update flows"): a row is <c>pending</c> until
/// its time comes, leased to one enqueued job, claimed as <c>sending</c> for one attempt under a lease, and ends
/// <c>delivered</c>, <c>failed</c> or <c>cancelled</c>; a <c>sending</c> row whose lease ran out belonged to a process
/// that died and is swept back to pending. Written once here for the two queue tables (<c>deliveries</c>:
/// pushes, which also fold and supersede; <c>result_posts</c>: results owed to a response_url). The table name is one
/// of these two constants, never input.
/// </summary>
public sealed class QueueTable
{
    public static readonly QueueTable Deliveries = new("deliveries");
    public static readonly QueueTable ResultPosts = new("result_posts");

    public static IReadOnlyList<QueueTable> All { get; } = [Deliveries, ResultPosts];

    private QueueTable(string name)
    {
        Name = name;
        SelectDue = $"""
            SELECT id FROM {name}
            WHERE state = 'pending' AND next_attempt_at <= @Now AND (lease_until IS NULL OR lease_until < @Now)
            ORDER BY next_attempt_at, id
            """;
        // The lease is taken only if no other node holds it: two nodes that selected the same due row enqueue one job.
        Lease = $"UPDATE {name} SET lease_until = @LeaseUntil WHERE id = @Id AND state = 'pending' AND (lease_until IS NULL OR lease_until < @Now)";
        ReleaseLease = $"UPDATE {name} SET lease_until = NULL WHERE id = @Id AND state = 'pending'";
        ReleaseAllLeases = $"UPDATE {name} SET lease_until = NULL WHERE state = 'pending' AND lease_until IS NOT NULL";
        MarkEnded = $"UPDATE {name} SET state = @State, last_error = @Error, lease_until = NULL, updated_at = @Now WHERE id = @Id";
        SelectExpiredSending = $"SELECT id FROM {name} WHERE state = 'sending' AND lease_until < @Now";
    }

    public string Name { get; }

    /// <summary>Pending rows whose time has come and that no job holds (the dialect's page clause follows).</summary>
    public string SelectDue { get; }

    public string Lease { get; }

    public string ReleaseLease { get; }

    /// <summary>
    /// At start-up: the jobs leased rows were waiting for may have died with the process (in-memory Hangfire), so the
    /// rows are due again at once instead of after the lease. A lease another live node holds is lost too, which costs
    /// at most one extra job: the claim (pending → sending), not the lease, is what lets one attempt send.
    /// </summary>
    public string ReleaseAllLeases { get; }

    /// <summary>Ends a row <c>failed</c> or <c>cancelled</c> with the reason.</summary>
    public string MarkEnded { get; }

    /// <summary>Rows a process was sending when it stopped: their lease ran out without an outcome.</summary>
    public string SelectExpiredSending { get; }

    /// <summary>Every statement, for the T-SQL parsing test.</summary>
    public IEnumerable<(string Name, string Sql)> Statements =>
    [
        (nameof(SelectDue), SelectDue), (nameof(Lease), Lease), (nameof(ReleaseLease), ReleaseLease),
        (nameof(ReleaseAllLeases), ReleaseAllLeases), (nameof(MarkEnded), MarkEnded),
        (nameof(SelectExpiredSending), SelectExpiredSending),
    ];
}
