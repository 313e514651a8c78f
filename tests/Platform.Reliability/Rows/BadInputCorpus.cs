using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Platform.IntegrationTests.Infrastructure;
using Platform.Ocpi.Transport;

namespace Platform.Reliability.Rows;

/// <summary>
/// R2: bodies and queries generated with CsCheck from valid wire objects, each broken in exactly one way, sent to every
/// Receiver interface and to the admin API's writes. Expected: no 5xx, every OCPI answer an envelope, nothing accepted,
/// and the database unchanged (row count and checksum of every table; refusals are recorded in connection_problems by
/// design and not counted).
/// </summary>
public static class BadInputCorpus
{
    public enum Breakage
    {
        BrokenJson, WrongType, OversizeString, OversizeArray, BadEnum, BadDateTime, DateTimeOffset, MissingLastUpdated, UnknownId,
        PathBodyIdMismatch, DuplicateIds, NegativeNumber, ControlCharacter, DeepNesting, OversizeBody, BadQuery,
    }

    /// <summary>One interface that takes a body: who calls it, where, and a valid body for it.</summary>
    private sealed record Target(string Name, string Method, string Path, Func<JsonObject> Body, string? Token, string? From, string? To, string? IdField);

    private static readonly HashSet<string> RefusalRecords = ["connection_problems"];

    public static async Task<RowResult> RunAsync(RowScale scale)
    {
        var count = scale switch { RowScale.Full => 10_000, RowScale.Quick => 2_000, _ => 300 };
        var row = new RowResult("R2", "Bad-input corpus (CsCheck)");
        await using var t = await Tenants.StartAsync();
        var targets = Targets(t);
        var before = await Tenants.QuietFingerprintAsync(t.Platform.DatabaseFile, RefusalRecords);

        var gen = Gen.Select(Gen.Int[0, targets.Count - 1], Gen.Enum<Breakage>(), Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue]);
        var pcg = new PCG(17, 20261203);
        var cases = Enumerable.Range(0, count).Select(_ => gen.Generate(pcg, null, out Size _)).ToList();
        var perBreakage = new ConcurrentDictionary<Breakage, int>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var queue = new ConcurrentQueue<(int, Breakage, int, int)>(cases);
        var gate = new object();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (queue.TryDequeue(out var c))
            {
                var (targetIndex, breakage, seed, size) = c;
                var target = targets[targetIndex];
                var (url, body, note) = Break(t.Platform.Url, target, breakage, new Random(seed), size);
                perBreakage.AddOrUpdate(breakage, 1, (_, n) => n + 1);
                var (status, text) = await SendAsync(http, target, breakage == Breakage.BadQuery ? "GET" : target.Method, url, body);
                var what = $"{note}: {target.Name} → {status} {(text.Length > 200 ? text[..200] : text)}";
                lock (gate)
                {
                    row.Check(status < 500, () => "5xx: " + what);
                    var envelope = Parse(text);
                    if (url.Contains("/ocpi/", StringComparison.Ordinal))
                        row.Check(envelope?["status_code"] is JsonValue && envelope["timestamp"] is not null, () => "not an envelope: " + what);
                    if (breakage != Breakage.BadQuery)
                    {
                        var accepted = url.Contains("/ocpi/", StringComparison.Ordinal)
                            ? status is >= 200 and < 300 && envelope?["status_code"] is JsonValue v && v.TryGetValue<int>(out var code) && code == 1000
                            : status is >= 200 and < 300;
                        row.Check(!accepted, () => "accepted: " + what);
                    }
                }
            }
        }));

        var after = await Tenants.QuietFingerprintAsync(t.Platform.DatabaseFile, RefusalRecords);
        var changed = DatabaseFingerprint.Changed(before, after);
        row.Check(changed.Count == 0, () => "database changed: " + string.Join(", ", changed));
        row.Figures = $"{count:N0} generated requests to {targets.Count} interfaces ({targets.Count(x => x.Path.StartsWith("/ocpi", StringComparison.Ordinal))} OCPI Receiver, "
            + $"{targets.Count(x => x.Path.StartsWith("/admin", StringComparison.Ordinal))} admin), {perBreakage.Count} kinds of breakage; {after.Count} tables unchanged"
            + (scale == RowScale.Full ? "" : $" ({scale} scale; the full run sends 10,000)");
        return row;
    }

    private static List<Target> Targets(Tenants t)
    {
        const string Receiver = "/ocpi/2.2.1/receiver";
        JsonObject Tariff(string cc, string pid, string id) => new()
        {
            ["country_code"] = cc, ["party_id"] = pid, ["id"] = id, ["currency"] = "EUR",
            ["elements"] = new JsonArray(new JsonObject
            {
                ["price_components"] = new JsonArray(new JsonObject { ["type"] = "ENERGY", ["price"] = 0.25, ["step_size"] = 1 }),
            }),
            ["last_updated"] = Builders.Now,
        };
        JsonObject Command() => new()
        {
            ["response_url"] = t.Peer1.Url + "/ocpi/2.2.1/commands/START_SESSION/1", ["token"] = Builders.Token("DE*FAK", "TOK1"),
            ["location_id"] = "LOC1", ["evse_uid"] = "EVSE1",
        };
        var cpo = (Token: t.PeerCpoTokenC, From: "NL*FKC", To: "DE*MSP");
        var emsp = (Token: t.Conn1TokenC, From: "DE*FAK", To: "NL*CPO");
        return
        [
            new("receiver location PUT", "PUT", $"{Receiver}/locations/NL/FKC/L1", () => Builders.Location("NL", "FKC", "L1"), cpo.Token, cpo.From, cpo.To, "id"),
            new("receiver EVSE PUT", "PUT", $"{Receiver}/locations/NL/FKC/L1/EVSE1", () => Builders.Evse("EVSE1"), cpo.Token, cpo.From, cpo.To, "uid"),
            new("receiver EVSE PATCH", "PATCH", $"{Receiver}/locations/NL/FKC/LOC404/EVSE1", () => Builders.Status("CHARGING"), cpo.Token, cpo.From, cpo.To, null),
            new("receiver tariff PUT", "PUT", $"{Receiver}/tariffs/NL/FKC/T1", () => Tariff("NL", "FKC", "T1"), cpo.Token, cpo.From, cpo.To, "id"),
            new("receiver session PUT", "PUT", $"{Receiver}/sessions/NL/FKC/S1", () => Builders.Session("NL*FKC", "S1", "DE*MSP"), cpo.Token, cpo.From, cpo.To, "id"),
            new("receiver CDR POST", "POST", $"{Receiver}/cdrs", () => Builders.Cdr("NL*FKC", "C1", "DE*MSP"), cpo.Token, cpo.From, cpo.To, null),
            new("receiver token PUT", "PUT", $"{Receiver}/tokens/DE/FAK/TOK1?type=RFID", () => Builders.Token("DE*FAK", "TOK1"), emsp.Token, emsp.From, emsp.To, "uid"),
            new("receiver command POST", "POST", $"{Receiver}/commands/START_SESSION", Command, emsp.Token, emsp.From, emsp.To, null),
            new("credentials PUT", "PUT", "/ocpi/2.2.1/credentials", () => t.Peer1.Credentials("peer-bad-input-" + Guid.NewGuid().ToString("N")), emsp.Token, null, null, null),
            new("admin location PUT", "PUT", "/admin/parties/NL/CPO/cpo/locations/L9", () => Builders.Location("NL", "CPO", "L9"), null, null, null, "id"),
            new("admin EVSE PATCH", "PATCH", "/admin/parties/NL/CPO/cpo/locations/LOC404/EVSE1", () => Builders.Status("CHARGING"), null, null, null, null),
            new("admin tariff PUT", "PUT", "/admin/parties/NL/CPO/cpo/tariffs/T9", () => Tariff("NL", "CPO", "T9"), null, null, null, "id"),
            new("admin session PUT", "PUT", "/admin/parties/NL/CPO/cpo/sessions/S9", () => Builders.Session("NL*CPO", "S9", "DE*FAK"), null, null, null, "id"),
            new("admin CDR POST", "POST", "/admin/parties/NL/CPO/cpo/cdrs", () => Builders.Cdr("NL*CPO", "C9", "DE*FAK"), null, null, null, null),
            new("admin token PUT", "PUT", "/admin/parties/DE/MSP/emsp/tokens/T9?type=RFID", () => Builders.Token("DE*MSP", "T9"), null, null, null, "uid"),
            new("admin party POST", "POST", "/admin/parties", () => new JsonObject { ["country_code"] = "BE", ["party_id"] = "NEW", ["roles"] = new JsonArray("CPO"), ["name"] = "New" }, null, null, null, null),
        ];
    }

    /// <summary>The URL and body of one case: the target's valid body, broken in one way.</summary>
    private static (string Url, string Body, string Note) Break(string baseUrl, Target target, Breakage asked, Random random, int size)
    {
        var url = baseUrl + target.Path;
        var body = target.Body();
        var breakage = asked;
        (JsonNode Parent, string Key, JsonNode? Value) field;
        var fields = Fields(body).ToList();
        T Pick<T>(IReadOnlyList<T> from) => from[random.Next(from.Count)];
        // A breakage that finds no field of its kind in this body becomes a wrong type, which always applies.
        (JsonNode Parent, string Key, JsonNode? Value)? PickField(Func<JsonNode?, bool> where, Func<string, bool>? key = null)
        {
            var candidates = fields.Where(f => where(f.Value) && (key is null || key(f.Key))).ToList();
            return candidates.Count > 0 ? Pick(candidates) : null;
        }
        var touched = "";
        void Set((JsonNode Parent, string Key, JsonNode? Value) field, JsonNode? value)
        {
            touched = field.Key;
            if (field.Parent is JsonObject o) o[field.Key] = value;
            else if (field.Parent is JsonArray a) a[int.Parse(field.Key, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        static bool IsString(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out _);
        static bool IsDateTime(JsonNode? n) => IsString(n) && n!.GetValue<string>().Contains('T') && n.GetValue<string>().EndsWith('Z');
        static bool IsNumber(JsonNode? n) => n is JsonValue v && !v.TryGetValue<string>(out _) && !v.TryGetValue<bool>(out _);

        switch (breakage)
        {
            case Breakage.BrokenJson:
                var text = body.ToJsonString();
                var broken = (size % 3) switch
                {
                    0 => text[..random.Next(1, text.Length - 1)],
                    1 => text.Insert(random.Next(1, text.Length - 1), Pick(["{", "\"", ",", ":", "]", "\\"])),
                    _ => Pick(["", "null", "[]", "42", "\"text\"", "{'a':1}", "{\"a\":}", "\u00ff\u00fe"]),
                };
                // A character inserted inside a string can leave valid JSON: then it is cut short instead, which never parses.
                return (url, Parses(broken) && broken is not ("null" or "[]" or "42" or "\"text\"") ? text[..(text.Length / 2)] : broken, breakage.ToString());
            case Breakage.WrongType:
            {
                field = PickField(n => n is not null)!.Value;
                Set(field, field.Value switch
                {
                    JsonObject => new JsonArray(1, 2),
                    JsonArray => new JsonObject { ["x"] = 1 },
                    _ when IsString(field.Value) => Pick<JsonNode>([JsonValue.Create(42), new JsonArray("x"), new JsonObject(), JsonValue.Create(true)]),
                    _ => Pick<JsonNode>([JsonValue.Create("abc"), new JsonArray(), new JsonObject()]),
                });
                break;
            }
            case Breakage.OversizeString:
                if (PickField(IsString) is not { } longer) goto case Breakage.WrongType;
                Set(longer, new string('A', 256 + size % 20_000));
                break;
            case Breakage.OversizeArray:
            case Breakage.DuplicateIds:
            {
                // Copies of an element that has an id: oversize and duplicate at once, so it can never be valid.
                var arrays = Fields(body).Where(f => f.Value is JsonArray a && a.Count > 0 && a[0] is JsonObject o && (o["uid"] ?? o["id"]) is not null).ToList();
                if (arrays.Count == 0) goto case Breakage.PathBodyIdMismatch;
                var array = (JsonArray)Pick(arrays).Value!;
                var copies = breakage == Breakage.DuplicateIds ? 1 : 100 + size % 3_000;
                for (var i = 0; i < copies; i++) array.Add(array[0]!.DeepClone());
                break;
            }
            case Breakage.BadEnum:
            {
                if (PickField(IsString, k => EnumFields.Contains(k)) is not { } enumField) goto case Breakage.WrongType;
                field = enumField;
                Set(field, "NOT_" + (field.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "ENUM") + size % 100);
                break;
            }
            case Breakage.BadDateTime:
                if (PickField(IsDateTime) is not { } date) goto case Breakage.WrongType;
                Set(date,
                    Pick(["2026-02-30T10:00:00Z", "2026-11-26T25:61:00Z", "yesterday", "", "2026-11-26 10:00", "0000-00-00T00:00:00Z", "2026-11-26T10:00:00+25:00"]));
                break;
            case Breakage.DateTimeOffset:
            {
                // The spec's DateTime is UTC: a local time with an offset, or none at all, is not one.
                if (PickField(IsDateTime) is not { } dateField) goto case Breakage.WrongType;
                field = dateField;
                var value = field.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s.TrimEnd('Z') : "2026-11-26T10:00:00";
                Set(field, value + Pick(["+02:00", "-05:00", "+00:00", "+00:30"]));
                break;
            }
            case Breakage.MissingLastUpdated:
                if (body.ContainsKey("last_updated")) body.Remove("last_updated");
                else goto case Breakage.WrongType;
                break;
            case Breakage.UnknownId:
                url = baseUrl + target.Path.Replace("/L1", "/L404", StringComparison.Ordinal).Replace("/S1", "/S404", StringComparison.Ordinal);
                if (target.Method is not ("PATCH")) goto case Breakage.PathBodyIdMismatch;
                break;
            case Breakage.PathBodyIdMismatch:
                if (target.IdField is { } idField) body[idField] = "OTHER" + size % 1000;
                else if (!body.ContainsKey("country_code") || target.Path == "/admin/parties") goto case Breakage.WrongType;
                else
                {
                    body["country_code"] = "XX";
                    body["party_id"] = "ZZZ";
                }
                break;
            case Breakage.NegativeNumber:
                // Quantities the spec defines as amounts, never below zero (prices and charged volumes may be signed: credit CDRs).
                if (PickField(IsNumber, k => Quantities.Contains(k)) is not { } number) goto case Breakage.WrongType;
                Set(number, -(1 + size % 1_000_000));
                break;
            case Breakage.ControlCharacter:
            {
                // In the identifiers (CiString: printable ASCII); free text may hold any UTF-8.
                if (PickField(IsString, k => IdFields.Contains(k)) is not { } identifier) goto case Breakage.WrongType;
                field = identifier;
                var value = field.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "x";
                Set(field, value.Insert(random.Next(value.Length + 1), Pick(["\u0000", "\u0001", "\u001b[31m", "\u0007", "\u007f", "\r\n"])));
                break;
            }
            case Breakage.DeepNesting:
            {
                var depth = 70 + size % 5_000;
                if (size % 2 == 0) return (url, new string('[', depth) + new string(']', depth), breakage.ToString());
                JsonNode nested = new JsonObject();
                for (var i = 0; i < Math.Min(depth, 60); i++) nested = new JsonObject { ["a"] = nested };
                Set(PickField(_ => true)!.Value, nested);
                break;
            }
            case Breakage.OversizeBody:
                // Just over Ocpi:MaxBodyBytes (4 MB): refused before it is read.
                return (url, body.ToJsonString().TrimEnd('}') + ",\"pad\":\"" + new string('x', 4 * 1024 * 1024 + size % 1024) + "\"}", breakage.ToString());
            case Breakage.BadQuery:
            {
                var list = target.Path.StartsWith("/admin", StringComparison.Ordinal)
                    ? Pick(["/admin/parties/NL/CPO/cpo/locations", "/admin/deliveries", "/admin/connections", "/admin/parties/DE/MSP/emsp/cdrs"])
                    : Pick(["/ocpi/2.2.1/sender/locations", "/ocpi/2.2.1/sender/tariffs", "/ocpi/2.2.1/sender/cdrs", "/ocpi/2.2.1/sender/sessions"]);
                var query = Pick(["limit=-1", "limit=abc", "offset=-5", "offset=99999999999999999999", "limit=2147483648", "date_from=yesterday",
                    "date_to=2026-13-01T00:00:00Z", "date_from=2026-11-26T10:00:00%2B02:00", "limit=%00", "offset=1e9", "state=%27%20OR%201=1--", "limit="]);
                return (baseUrl + list + "?" + query, "", breakage.ToString());
            }
        }
        return (url, body.ToJsonString(), $"{breakage} of {touched}");
    }

    private static readonly HashSet<string> EnumFields =
    [
        "status", "type", "auth_method", "standard", "format", "power_type", "whitelist", "role", "connector_standard", "connector_format",
        "connector_power_type", "parking_type", "country", "currency",
    ];

    private static readonly HashSet<string> Quantities =
        ["max_voltage", "max_amperage", "max_electric_power", "kwh", "total_energy", "total_time", "total_parking_time", "step_size"];

    private static readonly HashSet<string> IdFields = ["id", "uid", "country_code", "party_id", "evse_id", "contract_id", "location_id", "evse_uid", "session_id"];

    private static bool Parses(string text)
    {
        try
        {
            JsonNode.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Every field of the tree with its parent, depth first.</summary>
    private static IEnumerable<(JsonNode Parent, string Key, JsonNode? Value)> Fields(JsonNode node)
    {
        if (node is JsonObject o)
            foreach (var (key, value) in o.ToList())
            {
                yield return (o, key, value);
                if (value is not null) foreach (var f in Fields(value)) yield return f;
            }
        else if (node is JsonArray a)
            for (var i = 0; i < a.Count; i++)
            {
                yield return (a, i.ToString(System.Globalization.CultureInfo.InvariantCulture), a[i]);
                if (a[i] is { } item) foreach (var f in Fields(item)) yield return f;
            }
    }

    private static async Task<(int, string)> SendAsync(HttpClient http, Target target, string method, string url, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (url.Contains("/admin/", StringComparison.Ordinal)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PlatformFactory.AdminKey);
        else if (target.Token is not null) request.Headers.TryAddWithoutValidation(OcpiHeaders.Authorization, CredentialsTokenHeader.Encode(target.Token, false));
        foreach (var (header, party) in new[] { (OcpiHeaders.FromCountryCode, target.From), (OcpiHeaders.ToCountryCode, target.To) })
            if (party is not null && url.Contains("/ocpi/", StringComparison.Ordinal))
            {
                request.Headers.TryAddWithoutValidation(header, party[..2]);
                request.Headers.TryAddWithoutValidation(header.Replace("country-code", "party-id", StringComparison.Ordinal), party[3..]);
            }
        request.Headers.TryAddWithoutValidation(OcpiHeaders.RequestId, Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation(OcpiHeaders.CorrelationId, Guid.NewGuid().ToString());
        if (method != "GET") request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        // The server closes the connection after refusing an oversize body unread: such a request gets one of its own.
        if (body.Length > 4 * 1024 * 1024) request.Headers.ConnectionClose = true;
        try
        {
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e) when (body.Length > 4 * 1024 * 1024)
        {
            // The server may close the connection on an oversize body after answering 413 before reading it.
            return (413, "{\"status_code\":2000,\"timestamp\":\"(connection closed after refusing the body: " + e.Message + ")\"}");
        }
        catch (HttpRequestException e)
        {
            // No answer at all is as bad as a 5xx: counted as one.
            return (599, $"no answer ({e.Message} {e.InnerException?.Message}) to {method} {url} with {body.Length} bytes: {(body.Length > 100 ? body[..100] : body)}");
        }
    }

    private static JsonObject? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
