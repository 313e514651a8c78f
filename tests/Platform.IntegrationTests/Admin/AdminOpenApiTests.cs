using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Admin;

/// <summary>The admin API document is complete enough for Scalar's request builder: a failing test names the operation.</summary>
public sealed class AdminOpenApiTests : IAsyncLifetime
{
    private readonly PlatformFactory _platform = new();
    private JsonObject _document = null!;

    // Operations that take no body at all: the delivery is named by its id.
    private static readonly string[] WithoutBody = ["post /admin/deliveries/{id}/retry"];

    public async ValueTask InitializeAsync() =>
        _document = JsonNode.Parse(await _platform.CreateAdminClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!.AsObject();

    public async ValueTask DisposeAsync() => await _platform.DisposeAsync();

    private IEnumerable<(string Name, JsonObject Operation)> Operations() =>
        from path in _document["paths"]!.AsObject()
        where path.Key.StartsWith("/admin", StringComparison.Ordinal)
        from operation in path.Value!.AsObject()
        where operation.Key is "get" or "post" or "put" or "patch" or "delete"
        select ($"{operation.Key} {path.Key}", operation.Value!.AsObject());

    private static bool HasJsonSchema(JsonNode? content) =>
        content?["application/json"]?["schema"] is not null;

    [Fact]
    public void Every_admin_operation_documents_its_request_and_answer()
    {
        var operations = Operations().ToList();
        Assert.True(operations.Count >= 40, $"only {operations.Count} admin operations in the document");

        var missingBody = operations.Where(o => o.Name.Split(' ')[0] is "post" or "put" or "patch" && !WithoutBody.Contains(o.Name)
            && !HasJsonSchema(o.Operation["requestBody"]?["content"])).Select(o => o.Name).ToList();
        Assert.True(missingBody.Count == 0, "writes without a request body schema: " + string.Join(", ", missingBody));

        var missingAnswer = operations.Where(o => !o.Operation["responses"]!.AsObject()
                .Any(r => r.Key == "204" || (r.Key.StartsWith('2') && HasJsonSchema(r.Value?["content"]))))
            .Select(o => o.Name).ToList();
        Assert.True(missingAnswer.Count == 0, "operations without an answer schema: " + string.Join(", ", missingAnswer));
    }

    [Fact]
    public void Every_admin_operation_has_a_summary_an_area_tag_and_problem_answers()
    {
        var tags = new[] { "Parties", "Connections", "Deliveries", "Locations", "Tariffs", "Sessions", "CDRs", "Tokens", "Commands", "Charging profiles" };
        foreach (var (name, operation) in Operations())
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{name} has no summary");
            Assert.Contains((string)operation["tags"]!.AsArray().Single()!, tags);
            Assert.NotNull(operation["responses"]!["401"]);
        }
    }

    [Fact]
    public void Paged_lists_document_offset_and_limit_and_paths_name_the_party_alike()
    {
        foreach (var path in new[] { "/admin/parties", "/admin/connections", "/admin/deliveries", "/admin/connections/{id}/problems",
                     "/admin/parties/{cc}/{pid}/cpo/locations", "/admin/parties/{cc}/{pid}/emsp/commands" })
        {
            var parameters = _document["paths"]![path]!["get"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
            Assert.Contains("offset", parameters);
            Assert.Contains("limit", parameters);
        }
        var partyPaths = _document["paths"]!.AsObject().Select(p => p.Key).Where(p => p.StartsWith("/admin/parties/", StringComparison.Ordinal));
        Assert.All(partyPaths, p => Assert.StartsWith("/admin/parties/{cc}/{pid}", p));
    }

    [Fact]
    public void The_key_and_the_console_cookie_are_declared_as_security_schemes()
    {
        var schemes = _document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", (string?)schemes["AdminKey"]!["scheme"]);
        Assert.Equal("cookie", (string?)schemes["ConsoleCookie"]!["in"]);
        Assert.Equal(2, _document["security"]!.AsArray().Count);
    }
}
