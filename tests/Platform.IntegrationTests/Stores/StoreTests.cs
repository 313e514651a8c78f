using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Infrastructure.Data;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Probes;
using Platform.Api.Infrastructure.Sending;
using Platform.Api.Modules.HubClientInfo;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.HubClientInfo;

namespace Platform.IntegrationTests.Stores;

/// <summary>
/// Store behaviour every database provider must show. Each provider derives a class; the SQL Server one skips
/// itself, saying why, where no Docker engine answers.
/// </summary>
public abstract class StoreTests : IAsyncLifetime
{
    private ServiceProvider? _services;

    /// <summary>The database to test, or the reason it cannot be had on this machine.</summary>
    protected abstract Task<(DatabaseOptions? Options, string? SkipReason)> CreateDatabaseAsync();

    protected virtual ValueTask DisposeDatabaseAsync() => ValueTask.CompletedTask;

    private string? _skipReason;

    public async ValueTask InitializeAsync()
    {
        var (options, skip) = await CreateDatabaseAsync();
        _skipReason = skip;
        if (options is null) return;
        UtcDateTimeHandler.Register();
        _options = options;
        _services = StoreServices.Build(options);
        await _services.GetRequiredService<Migrator>().ApplyAsync();
    }

    private DatabaseOptions? _options;

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await DisposeDatabaseAsync();
    }

    private IServiceProvider Services
    {
        get
        {
            if (_skipReason is not null) Assert.Skip(_skipReason);
            return _services!;
        }
    }

    private async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<string> NewConnectionAsync() => InScope(async sp =>
    {
        var db = sp.GetRequiredService<DbSession>();
        var id = Guid.NewGuid().ToString();
        await (await db.ConnectionAsync()).ExecuteAsync("""
            INSERT INTO connections (id, name, kind, state, initiated_by, created_at, updated_at)
            VALUES (@Id, 'store test', 'remote', 'pending', 'them', @Now, @Now)
            """, new { Id = id, Now = DateTime.UtcNow });
        return id;
    });

    [Fact]
    public async Task A_probe_is_stored_found_only_under_its_connection_finished_and_listed_newest_first()
    {
        var (connectionId, otherId) = (await NewConnectionAsync(), await NewConnectionAsync());
        var started = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);
        foreach (var (id, minutes) in new[] { ("P1", 0), ("P2", 1) })
            await InScope(async sp =>
            {
                await sp.GetRequiredService<ProbeStore>().AddAsync(new ProbeRow
                {
                    Id = id, ConnectionId = connectionId, State = ProbeStates.Running, Writes = minutes == 1, Modules = """["locations"]""",
                    Version = "2.2.1", StartedAt = started.AddMinutes(minutes),
                }, default);
                return true;
            });
        await InScope(async sp =>
        {
            await sp.GetRequiredService<ProbeStore>().FinishAsync(connectionId, "P1", started.AddMinutes(2), "[]", default);
            return true;
        });

        var p1 = await InScope(sp => sp.GetRequiredService<ProbeStore>().FindAsync(connectionId, "P1", default));
        var elsewhere = await InScope(sp => sp.GetRequiredService<ProbeStore>().FindAsync(otherId, "P1", default));
        var (page, total) = await InScope(sp => sp.GetRequiredService<ProbeStore>().PageAsync(connectionId, 0, 1, default));

        Assert.Equal((ProbeStates.Done, "[]", started.AddMinutes(2), false), (p1!.State, p1.Report, p1.FinishedAt, p1.Writes));
        Assert.Null(elsewhere);
        Assert.Equal(2, total);
        var newest = Assert.Single(page);
        Assert.Equal(("P2", ProbeStates.Running, true, started.AddMinutes(1)), (newest.Id, newest.State, newest.Writes, newest.StartedAt));
    }

    [Fact]
    public async Task Migrations_apply_once()
    {
        var again = await Services.GetRequiredService<Migrator>().ApplyAsync(TestContext.Current.CancellationToken);
        Assert.Empty(again);
    }

    [Fact]
    public async Task Issued_token_authenticates_and_is_stored_only_as_a_hash()
    {
        var connectionId = await NewConnectionAsync();
        var token = await InScope(sp => sp.GetRequiredService<CredentialsTokens>().IssueAsync(connectionId, CredentialsTokenKind.C, null, default));
        var found = await InScope(sp => sp.GetRequiredService<CredentialsTokens>().AuthenticateAsync(["wrong-" + token, token], default));
        Assert.NotNull(found);
        Assert.Equal(connectionId, found.ConnectionId);
        Assert.Equal(CredentialsTokenKind.C, found.Kind);

        var stored = await InScope(async sp => (await (await sp.GetRequiredService<DbSession>().ConnectionAsync())
            .QueryAsync<(string Lookup, byte[] Hash)>("SELECT lookup, hash FROM credentials_tokens WHERE connection_id = @Id",
                new { Id = connectionId })).Single());
        Assert.NotEqual(token, stored.Lookup);
        Assert.True(stored.Lookup.Length < token.Length);
        Assert.Equal(32, stored.Hash.Length);
    }

    [Fact]
    public async Task A_token_with_the_right_lookup_but_wrong_secret_is_refused()
    {
        var connectionId = await NewConnectionAsync();
        var token = await InScope(sp => sp.GetRequiredService<CredentialsTokens>().IssueAsync(connectionId, CredentialsTokenKind.B, null, default));
        var forged = token[..12] + new string('x', token.Length - 12);
        Assert.Null(await InScope(sp => sp.GetRequiredService<CredentialsTokens>().AuthenticateAsync([forged], default)));
    }

    [Fact]
    public async Task Revoked_and_expired_tokens_are_refused()
    {
        var connectionId = await NewConnectionAsync();
        var (a, c) = await InScope(async sp =>
        {
            var tokens = sp.GetRequiredService<CredentialsTokens>();
            return (await tokens.IssueAsync(connectionId, CredentialsTokenKind.A, DateTime.UtcNow.AddHours(1), default),
                    await tokens.IssueAsync(connectionId, CredentialsTokenKind.C, null, default));
        });
        var expired = await InScope(sp => sp.GetRequiredService<CredentialsTokens>()
            .IssueAsync(connectionId, CredentialsTokenKind.A, DateTime.UtcNow.AddSeconds(-1), default));
        Assert.Null(await InScope(sp => sp.GetRequiredService<CredentialsTokens>().AuthenticateAsync([expired], default)));
        // Known, so now in this node's cache: the revocation must drop it there too.
        Assert.NotNull(await InScope(sp => sp.GetRequiredService<CredentialsTokens>().AuthenticateAsync([a], default)));

        await InScope(async sp =>
        {
            await sp.GetRequiredService<CredentialsTokens>().RevokeAsync(connectionId, default, CredentialsTokenKind.A);
            return 0;
        });
        Assert.Null(await InScope(sp => sp.GetRequiredService<CredentialsTokens>().AuthenticateAsync([a], default)));
        Assert.NotNull(await InScope(sp => sp.GetRequiredService<CredentialsTokens>().AuthenticateAsync([c], default)));
    }

    [Fact]
    public async Task A_token_revoked_on_another_node_is_refused_here_once_the_watch_reads_the_shared_counter()
    {
        var (connectionId, token, here, watch) = await TokenCachedOnASecondNodeAsync();
        await using var _ = here;

        // Revoked through the other node (this fixture's own services, with a cache of their own).
        await InScope(async sp =>
        {
            await sp.GetRequiredService<CredentialsTokens>().RevokeAsync(connectionId, default, CredentialsTokenKind.C);
            return 0;
        });
        // Until the watch reads the counter this node still answers from its cache: that is the bound the cache documents.
        Assert.NotNull(await AuthenticateAsync(here, token));
        await watch.CheckAsync(TestContext.Current.CancellationToken);
        Assert.Null(await AuthenticateAsync(here, token));
    }

    [Fact]
    public async Task When_the_shared_counters_cannot_be_read_the_caches_are_dropped_so_nothing_stale_is_vouched_for()
    {
        var (connectionId, token, here, watch) = await TokenCachedOnASecondNodeAsync();
        await using var _ = here;

        // Revoked behind every cache's back, then the counters' table loses a row: the reading fails.
        await InScope(async sp =>
        {
            var db = await sp.GetRequiredService<DbSession>().ConnectionAsync();
            await db.ExecuteAsync("UPDATE credentials_tokens SET revoked_at = @Now WHERE connection_id = @Id", new { Id = connectionId, Now = DateTime.UtcNow });
            await db.ExecuteAsync("DELETE FROM cache_generations WHERE name = @Name", new { Name = ConnectionRoutingCache.GenerationName });
            return 0;
        });
        Assert.NotNull(await AuthenticateAsync(here, token));
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => watch.CheckAsync(TestContext.Current.CancellationToken));
        Assert.Contains(ConnectionRoutingCache.GenerationName, failed.Message, StringComparison.Ordinal);
        Assert.Null(await AuthenticateAsync(here, token));
    }

    [Fact]
    public async Task A_connection_suspended_on_another_node_is_routed_by_its_new_state_here_once_the_watch_reads_the_shared_counter()
    {
        var connectionId = await NewConnectionAsync();
        await using var here = StoreServices.Build(_options!);
        var watch = here.GetRequiredService<CacheGenerationWatch>();
        await watch.CheckAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ConnectionStates.Pending, (await RouteAsync(here, connectionId)).State);

        // Suspended through the other node, in a transaction as the admin API does.
        await InScope(async sp =>
        {
            var db = sp.GetRequiredService<DbSession>();
            await db.BeginAsync(TestContext.Current.CancellationToken);
            await sp.GetRequiredService<ConnectionStore>().SetStateAsync(connectionId, ConnectionStates.Suspended, clearOutboundToken: false, default);
            await db.CommitAsync(TestContext.Current.CancellationToken);
            return 0;
        });
        Assert.Equal(ConnectionStates.Pending, (await RouteAsync(here, connectionId)).State);
        await watch.CheckAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ConnectionStates.Suspended, (await RouteAsync(here, connectionId)).State);
        // The node that made the change dropped its own view when the change committed, without any reading.
        Assert.Equal(ConnectionStates.Suspended, (await RouteAsync(Services, connectionId)).State);
    }

    [Fact]
    public async Task A_routing_view_is_not_loaded_again_while_nothing_changed_but_is_after_its_lifetime()
    {
        var connectionId = await NewConnectionAsync();
        var clock = new SteppedClock();
        await using var here = StoreServices.Build(_options!, clock);
        await here.GetRequiredService<CacheGenerationWatch>().CheckAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ConnectionStates.Pending, (await RouteAsync(here, connectionId)).State);

        // Changed behind the platform's back (no counter moved): only the view's lifetime brings it in.
        await InScope(async sp =>
        {
            var db = await sp.GetRequiredService<DbSession>().ConnectionAsync();
            await db.ExecuteAsync("UPDATE connections SET state = @State WHERE id = @Id", new { State = ConnectionStates.Suspended, Id = connectionId });
            return 0;
        });
        // Views used to be loaded again every 2 s, three queries each time, whether anything changed or not; a reading of
        // counters that did not move drops nothing either.
        clock.Advance(TimeSpan.FromSeconds(30));
        await here.GetRequiredService<CacheGenerationWatch>().CheckAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ConnectionStates.Pending, (await RouteAsync(here, connectionId)).State);
        clock.Advance(ConnectionRoutingCache.Lifetime);
        Assert.Equal(ConnectionStates.Suspended, (await RouteAsync(here, connectionId)).State);
    }

    [Fact]
    public async Task The_routing_counter_moves_for_what_a_view_holds_and_not_for_a_new_connection_or_a_client_info_repeated()
    {
        var ct = TestContext.Current.CancellationToken;
        Task<long> Counter() => InScope(async sp => await (await sp.GetRequiredService<DbSession>().ConnectionAsync(ct))
            .ExecuteScalarAsync<long>(CacheGenerations.Select, new { Name = ConnectionRoutingCache.GenerationName }));
        Task InTransaction(Func<IServiceProvider, Task> work) => InScope(async sp =>
        {
            var db = sp.GetRequiredService<DbSession>();
            await db.BeginAsync(ct);
            await work(sp);
            await db.CommitAsync(ct);
            return 0;
        });
        var moved = await Counter();

        // Other nodes can hold no view of a connection that did not exist: nothing for them to drop.
        var id = Guid.NewGuid().ToString();
        await InTransaction(sp => sp.GetRequiredService<ConnectionStore>().CreateAsync(id, "store test", ConnectionKinds.Remote,
            ConnectionStates.Pending, "them", null, null, [], ct));
        Assert.Equal(moved, await Counter());

        var info = new ClientInfo { CountryCode = "FR", PartyId = "XXX", Role = Role.EMSP, Status = ConnectionStatus.CONNECTED, LastUpdated = DateTime.UtcNow };
        Task SaveAsync(ClientInfo saved) => InTransaction(sp => sp.GetRequiredService<ClientInfoStore>().SaveAsync(id, saved, ct));
        await SaveAsync(info);
        Assert.Equal(++moved, await Counter());
        // The Hub's list pulled again: the same status, no view changes.
        await SaveAsync(info with { LastUpdated = DateTime.UtcNow });
        Assert.Equal(moved, await Counter());
        await SaveAsync(info with { Status = ConnectionStatus.SUSPENDED });
        Assert.Equal(++moved, await Counter());

        await InTransaction(sp => sp.GetRequiredService<ConnectionStore>().SetStateAsync(id, ConnectionStates.Suspended, clearOutboundToken: false, ct));
        Assert.Equal(++moved, await Counter());
    }

    /// <summary>A second node over the same database, whose token cache holds a new token after the watch's first reading.</summary>
    private async Task<(string ConnectionId, string Token, ServiceProvider Here, CacheGenerationWatch Watch)> TokenCachedOnASecondNodeAsync()
    {
        var connectionId = await NewConnectionAsync();
        var token = await InScope(sp => sp.GetRequiredService<CredentialsTokens>().IssueAsync(connectionId, CredentialsTokenKind.C, null, default));
        var here = StoreServices.Build(_options!);
        var watch = here.GetRequiredService<CacheGenerationWatch>();
        // The first reading drops whatever came before it; the cache must hold the token after it for a test to mean anything.
        await watch.CheckAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(await AuthenticateAsync(here, token));
        return (connectionId, token, here, watch);
    }

    private static async Task<AuthenticatedToken?> AuthenticateAsync(IServiceProvider node, string token)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CredentialsTokens>().AuthenticateAsync([token], default);
    }

    private static async Task<ConnectionRoutingView> RouteAsync(IServiceProvider node, string connectionId)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConnectionRouting>().GetAsync(connectionId, default);
    }

    /// <summary>A clock whose timestamps move only when told; wall time stays real.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private Task<long> NewPartyAsync(string partyId) => InScope(sp =>
        sp.GetRequiredService<PartyStore>().InsertAsync("NL", partyId, partyId, "CPO", null, default));

    [Fact]
    public async Task Objects_are_found_and_listed_only_within_their_module_party_and_side()
    {
        var ct = TestContext.Current.CancellationToken;
        var (a, b) = (await NewPartyAsync("OAA"), await NewPartyAsync("OBB"));
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await InScope(async sp =>
        {
            var store = sp.GetRequiredService<OcpiObjectStore>();
            Assert.True(await store.SaveAsync(new ObjectScope("locations", a, ObjectSide.Own), "NL*OAA", "loc1", t0, """{"id":"loc1","v":"a"}""", ct));
            Assert.False(await store.SaveAsync(new ObjectScope("locations", a, ObjectSide.Own), "NL*OAA", "LOC1", t0.AddMinutes(1), """{"id":"LOC1","v":"a2"}""", ct));
            await store.SaveAsync(new ObjectScope("locations", b, ObjectSide.Own), "NL*OBB", "LOC1", t0, """{"id":"LOC1","v":"b"}""", ct);
            await store.SaveAsync(new ObjectScope("locations", a, ObjectSide.Received), "DE*CPO", "LOC1", t0, """{"v":"received"}""", ct);
            await store.SaveAsync(new ObjectScope("sessions", a, ObjectSide.Own), "NL*OAA", "S1", t0, """{"v":"s"}""", ct, audienceKey: "DE*MSP");
            await store.SaveAsync(new ObjectScope("sessions", a, ObjectSide.Own), "NL*OAA", "S2", t0.AddMinutes(2), """{"v":"s2"}""", ct, audienceKey: "FR*OTH");
            return 0;
        });
        await InScope(async sp =>
        {
            var store = sp.GetRequiredService<OcpiObjectStore>();
            var own = new ObjectScope("locations", a, ObjectSide.Own);
            Assert.Contains("a2", (await store.FindAsync(own, "NL*OAA", "Loc1", ct))!.Document);
            var (page, total, _) = await store.PageAsync(own, new ObjectFilter(), 0, 10, ct);
            Assert.Equal(1, total);
            Assert.Contains("a2", Assert.Single(page));
            Assert.Equal(0, (await store.PageAsync(own, new ObjectFilter(From: t0.AddMinutes(2)), 0, 10, ct)).Total);
            Assert.Equal(1, (await store.PageAsync(own, new ObjectFilter(From: t0.AddMinutes(1), To: t0.AddMinutes(2)), 0, 10, ct)).Total);
            Assert.Equal(0, (await store.PageAsync(own, new ObjectFilter(To: t0.AddMinutes(1)), 0, 10, ct)).Total);
            var sessions = new ObjectScope("sessions", a, ObjectSide.Own);
            Assert.Contains("\"s\"", Assert.Single((await store.PageAsync(sessions, new ObjectFilter(AudienceKey: "DE*MSP"), 0, 10, ct)).Documents));
            Assert.Single(await store.FindByIdAsync(new ObjectScope("locations", a, ObjectSide.Received), "loc1", ct));
            Assert.True(await store.DeleteAsync(own, "NL*OAA", "LOC1", ct));
            Assert.NotNull(await store.FindAsync(new ObjectScope("locations", b, ObjectSide.Own), "NL*OBB", "LOC1", ct));
            return 0;
        });
    }

    [Fact]
    public async Task Concurrent_saves_of_a_new_hub_client_all_succeed_and_keep_one_row()
    {
        // The Hub's ClientInfo PUT and our pull of its list can store the same new party at the same moment.
        var ct = TestContext.Current.CancellationToken;
        var connection = await NewConnectionAsync();
        using var start = new SemaphoreSlim(0);
        var saves = Enumerable.Range(0, 32).Select(i => InScope(async sp =>
        {
            var store = sp.GetRequiredService<Platform.Api.Modules.HubClientInfo.ClientInfoStore>();
            await (await sp.GetRequiredService<DbSession>().ConnectionAsync(ct)).ExecuteAsync("SELECT 1");
            await start.WaitAsync(ct);
            var info = new Platform.Ocpi.Model.HubClientInfo.ClientInfo
            {
                CountryCode = "DE", PartyId = "MSP", Role = Platform.Ocpi.Model.Common.Role.EMSP,
                Status = i % 2 == 0 ? Platform.Ocpi.Model.HubClientInfo.ConnectionStatus.CONNECTED : Platform.Ocpi.Model.HubClientInfo.ConnectionStatus.OFFLINE,
                LastUpdated = DateTime.UtcNow,
            };
            return await store.SaveAsync(connection, info, ct);
        })).ToList();
        start.Release(saves.Count);
        await Task.WhenAll(saves);
        var rows = await InScope(sp => sp.GetRequiredService<Platform.Api.Modules.HubClientInfo.ClientInfoStore>().FindAsync(connection, "DE*MSP", ct));
        Assert.Single(rows);
    }

    [Theory]
    [InlineData("locations")]
    [InlineData("tariffs")]
    public async Task Concurrent_saves_of_a_new_object_all_succeed_one_is_new_and_one_row_is_kept(string module)
    {
        // A push and a pull (or two pulls) can store the same new object at the same moment, each outside a transaction.
        var ct = TestContext.Current.CancellationToken;
        var scope = new ObjectScope(module, await NewPartyAsync("RACE" + module[0]), ObjectSide.Received);
        var at = DateTime.UtcNow;
        using var start = new SemaphoreSlim(0);
        var saves = Enumerable.Range(0, 32).Select(i => InScope(async sp =>
        {
            await (await sp.GetRequiredService<DbSession>().ConnectionAsync(ct)).ExecuteAsync("SELECT 1");
            await start.WaitAsync(ct);
            return await sp.GetRequiredService<OcpiObjectStore>().SaveAsync(scope, "DE*CPO", "OBJ1", at, $$"""{"id":"OBJ1","n":{{i}}}""", ct);
        })).ToList();
        start.Release(saves.Count);
        var isNew = await Task.WhenAll(saves);
        Assert.Equal(1, isNew.Count(n => n));
        Assert.Single(await InScope(sp => sp.GetRequiredService<OcpiObjectStore>().FindByIdAsync(scope, "OBJ1", ct)));
    }

    /// <summary>A new party's location LOC1 and a connection to push it over: changes of it, as outbox entries, for that target.</summary>
    private async Task<(string Connection, DeliveryTarget Target, Func<string, string?, OutboxEntry> Change)> LocationChangesAsync(string partyId)
    {
        var party = await NewPartyAsync(partyId);
        var connection = await NewConnectionAsync();
        return (connection, new DeliveryTarget(connection, "DE*MSP", "EMSP"), (operation, detail) => new()
        {
            HostedPartyId = party, Module = "locations", ObjectKey = "LOC1", Operation = operation, Detail = detail, CorrelationId = "c",
        });
    }

    [Fact]
    public async Task A_change_folds_into_the_pending_delivery_of_its_object_and_a_delivery_is_claimed_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var (connection, target, Change) = await LocationChangesAsync("DLV");
        var pending = await InScope(async sp =>
        {
            var store = sp.GetRequiredService<DeliveryStore>();
            await store.AddOrFoldAsync(Change(PushOperation.PatchStatus, "E1"), target, ct);
            await store.AddOrFoldAsync(Change(PushOperation.PatchStatus, "E1"), target, ct);
            var afterSameEvse = (await store.ListAsync("pending", connection, 0, 10, 15, ct)).Items;
            await store.AddOrFoldAsync(Change(PushOperation.PatchStatus, "E2"), target, ct);
            return (afterSameEvse, (await store.ListAsync("pending", connection, 0, 10, 15, ct)).Items);
        });
        var folded = Assert.Single(pending.afterSameEvse);
        Assert.Equal((PushOperation.PatchStatus, "E1", 2), (folded.Operation, folded.Detail, folded.Changes));
        var whole = Assert.Single(pending.Item2);
        Assert.Equal((PushOperation.Put, 3), (whole.Operation, whole.Changes));

        await InScope(async sp =>
        {
            var store = sp.GetRequiredService<DeliveryStore>();
            Assert.True(await store.ClaimAsync(whole.Id, TimeSpan.FromMinutes(1), ct));
            Assert.False(await store.ClaimAsync(whole.Id, TimeSpan.FromMinutes(1), ct));
            // A change while the earlier state is being sent waits in a new pending delivery, never overtaking it.
            await store.AddOrFoldAsync(Change(PushOperation.Put, null), target, ct);
            var next = (await store.ListAsync("pending", connection, 0, 10, 15, ct)).Items.Single();
            Assert.False(await store.ClaimAsync(next.Id, TimeSpan.FromMinutes(1), ct));
            await store.DeliveredAsync(whole.Id, ct, "http://peer/cdrs/1");
            Assert.True(await store.ClaimAsync(next.Id, TimeSpan.FromMinutes(1), ct));
            Assert.Equal("http://peer/cdrs/1", (await store.FindAsync(whole.Id, ct))!.Detail);
            return 0;
        });
    }

    [Theory]
    [InlineData(PushOperation.Put, null, PushOperation.PatchStatus, "E2", PushOperation.Put, null)]
    [InlineData(PushOperation.PatchStatus, "E1", PushOperation.PatchStatus, "E2", PushOperation.Put, null)]
    [InlineData(PushOperation.PatchStatus, "E1", PushOperation.PatchStatus, "E1", PushOperation.PatchStatus, "E1")]
    [InlineData(PushOperation.Put, null, PushOperation.Delete, null, PushOperation.Delete, null)]
    public async Task A_failed_send_that_a_pending_change_supersedes_leaves_that_change_carrying_both(string sent, string? sentDetail,
        string next, string? nextDetail, string expected, string? expectedDetail)
    {
        // R3 found it: a whole-location PUT held by a hanging peer failed, and the status PATCH of one EVSE queued behind
        // it superseded it, so the peer never heard of the other EVSEs' changes the PUT carried.
        var ct = TestContext.Current.CancellationToken;
        var (connection, target, Change) = await LocationChangesAsync("S" + Guid.NewGuid().ToString("N")[..4]);
        var left = await InScope(async sp =>
        {
            var store = sp.GetRequiredService<DeliveryStore>();
            await store.AddOrFoldAsync(Change(sent, sentDetail), target, ct);
            var sending = (await store.ListAsync("pending", connection, 0, 10, 15, ct)).Items.Single();
            Assert.True(await store.ClaimAsync(sending.Id, TimeSpan.FromMinutes(1), ct));
            await store.AddOrFoldAsync(Change(next, nextDetail), target, ct);
            await store.RescheduleAsync(sending.Id, "HTTP 500", DateTime.UtcNow, ct);
            var superseded = (await store.FindAsync(sending.Id, ct))!;
            Assert.Equal(DeliveryStates.Cancelled, superseded.State);
            Assert.StartsWith("superseded: ", superseded.LastError);
            Assert.EndsWith("this attempt: HTTP 500", superseded.LastError);
            return (await store.ListAsync("pending", connection, 0, 10, 15, ct)).Items.Single();
        });
        Assert.Equal((expected, expectedDetail), (left.Operation, left.Detail));
    }

    [Fact]
    public async Task A_due_row_is_leased_to_one_node_until_released_and_start_up_releases_every_lease()
    {
        var ct = TestContext.Current.CancellationToken;
        var party = await NewPartyAsync("LSE");
        var connection = await NewConnectionAsync();
        var id = await InScope(async sp =>
        {
            await sp.GetRequiredService<DeliveryStore>().AddOrFoldAsync(new OutboxEntry
            {
                HostedPartyId = party, Module = "locations", ObjectKey = "LOC1", Operation = PushOperation.Put, CorrelationId = "c",
            }, new DeliveryTarget(connection, "DE*MSP", "EMSP"), ct);
            return (await sp.GetRequiredService<DeliveryStore>().ListAsync("pending", connection, 0, 10, 15, ct)).Items.Single().Id;
        });
        var queue = QueueTable.Deliveries;
        Task<IReadOnlyList<long>> LeaseDue() => InScope(sp => sp.GetRequiredService<SendQueue>().LeaseDueAsync(queue, TimeSpan.FromMinutes(2), 200, ct));
        Assert.Contains(id, await LeaseDue());
        Assert.DoesNotContain(id, await LeaseDue());
        // Another node that selected the row before the lease was taken must not lease it too.
        var leasedAgain = await InScope(async sp => await (await sp.GetRequiredService<DbSession>().ConnectionAsync(ct)).ExecuteAsync(
            queue.Lease, new { Id = id, LeaseUntil = DateTime.UtcNow.AddMinutes(2), Now = DateTime.UtcNow }));
        Assert.Equal(0, leasedAgain);
        Assert.True(await InScope(sp => sp.GetRequiredService<SendQueue>().ReleaseAllLeasesAsync(queue, ct)) >= 1);
        Assert.Contains(id, await LeaseDue());
    }
}
