using System.Text.Json.Nodes;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Common;

namespace Platform.UnitTests.Routing;

/// <summary>The routing rule and the peer URL builder, without a database: the rule every route decision and GET /admin/routes share.</summary>
public sealed class RoutingRuleTests
{
    private static Connection Conn(string id, string state = ConnectionStates.Registered, int registeredDay = 1) =>
        new() { Id = id, State = state, RegisteredAt = new DateTime(2024, 1, registeredDay, 0, 0, 0, DateTimeKind.Utc) };

    private static RouteCandidate Way(Connection c, RouteVia via, string? hubStatus = null) =>
        new(c, via, "DE*MSP", Role.EMSP, hubStatus, via == RouteVia.Hub ? "NL*HUB" : null, via == RouteVia.Internal ? 7 : null);

    [Fact]
    public void Internal_beats_direct_beats_hub()
    {
        var hub = Way(Conn("hub"), RouteVia.Hub, "CONNECTED");
        var direct = Way(Conn("direct"), RouteVia.Direct);
        var inside = Way(Conn("internal"), RouteVia.Internal);
        Assert.Equal(inside, Platform.Api.Tenancy.Routing.Choose([hub, direct, inside]));
        Assert.Equal(direct, Platform.Api.Tenancy.Routing.Choose([hub, direct]));
        Assert.Equal(hub, Platform.Api.Tenancy.Routing.Choose([hub]));
    }

    [Fact]
    public void A_suspended_direct_connection_falls_back_to_the_hub_and_a_hub_only_while_it_reports_the_party_connected()
    {
        var suspended = Way(Conn("direct", ConnectionStates.Suspended), RouteVia.Direct);
        var hub = Way(Conn("hub"), RouteVia.Hub, "CONNECTED");
        Assert.Equal(hub, Platform.Api.Tenancy.Routing.Choose([suspended, hub]));
        Assert.Null(Platform.Api.Tenancy.Routing.Choose([suspended, Way(Conn("hub"), RouteVia.Hub, "OFFLINE")]));
        Assert.Null(Platform.Api.Tenancy.Routing.Choose([Way(Conn("hub"), RouteVia.Hub, "PLANNED")]));
    }

    [Fact]
    public void Of_two_direct_connections_the_older_registration_is_used()
    {
        var newer = Way(Conn("newer", registeredDay: 9), RouteVia.Direct);
        var older = Way(Conn("older", registeredDay: 2), RouteVia.Direct);
        Assert.Equal(older, Platform.Api.Tenancy.Routing.Choose([newer, older]));
    }

    [Theory]
    [InlineData("http://peer/ocpi/2.2.1/locations", new[] { "NL", "CPO", "LOC 1" }, "http://peer/ocpi/2.2.1/locations/NL/CPO/LOC%201")]
    [InlineData("http://peer/ocpi/2.2.1/locations/", new[] { "NL", "CPO", "A/B?c=1" }, "http://peer/ocpi/2.2.1/locations/NL/CPO/A%2FB%3Fc%3D1")]
    [InlineData("http://peer/cdrs", new string[0], "http://peer/cdrs")]
    public void Peer_urls_join_with_one_slash_and_escape_every_segment(string baseUrl, string[] segments, string expected) =>
        Assert.Equal(expected, PeerEndpoints.Below(baseUrl, segments));

    [Fact]
    public void The_patch_merge_replaces_fields_removes_nulled_ones_and_appends_only_the_named_list()
    {
        var stored = JsonNode.Parse("""{"a":1,"b":2,"periods":[1],"list":[1]}""")!.AsObject();
        OcpiDocument.Merge(stored, JsonNode.Parse("""{"a":3,"b":null,"periods":[2],"list":[9]}""")!.AsObject(), appendTo: "periods");
        Assert.Equal("""{"a":3,"periods":[1,2],"list":[9]}""", stored.ToJsonString());
    }
}
