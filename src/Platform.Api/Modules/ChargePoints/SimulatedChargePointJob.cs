using System.Text.Json;
using Hangfire;
using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Infrastructure.Logging;
using Platform.Api.Modules.Cdrs;
using Platform.Api.Modules.Commands;
using Platform.Api.Modules.Locations;
using Platform.Api.Modules.Sessions;
using Platform.Api.Modules.Tariffs;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.ChargingProfiles;
using Platform.Ocpi.Model.Commands;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.ChargePoints;

/// <summary>
/// A simulated charger answering one request, from the hosted CPO's own data as a real charger would from its
/// state: START_SESSION needs an AVAILABLE EVSE and starts a session (flowing to the token's eMSP like any other,
/// auth_method COMMAND) with the EVSE going CHARGING; STOP_SESSION completes an ACTIVE session and records its priced
/// CDR; RESERVE_NOW needs an AVAILABLE EVSE; CANCEL_RESERVATION needs an active reservation; UNLOCK_CONNECTOR
/// needs the connector. Charging profiles are kept per session; without one the EVSE's maximum applies.
/// The side effects and the outcome commit together, and only the first run of a request has any (safe twice).
/// </summary>
public sealed class SimulatedChargePointJob(DbSession db, ReceivedRequestStore received, PartyStore parties, OcpiObjectStore objects,
    SessionWrites sessions, CdrWrites cdrs, LocationWrites locations, Reservations reservations, ChargePointOutcomes outcomes,
    CdrPricer pricer, RequestCorrelation correlation, TimeProvider clock, ILogger<SimulatedChargePointJob> logger)
{
    /// <summary>What the simulated chargers draw while charging, to give completed sessions and CDRs some energy.</summary>
    private const decimal SimulatedKw = 11m;

    /// <summary>Sessions started by command are in EUR until priced: a CDR takes the currency of the connector's tariff.</summary>
    private const string Currency = "EUR";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunCommandAsync(long requestId, CancellationToken ct)
    {
        var (request, cpo) = await LoadAsync(requestId, ct);
        if (request is null || cpo is null) return;
        var charger = new Charger(request, cpo, Now);
        await RunAsync(requestId, async () =>
        {
            var (result, message) = Enum.Parse<CommandType>(request.Type) switch
            {
                CommandType.START_SESSION => await StartAsync(charger, Read<StartSession>(request), ct),
                CommandType.STOP_SESSION => await StopAsync(charger, Read<StopSession>(request), ct),
                CommandType.RESERVE_NOW => await ReserveAsync(charger, Read<ReserveNow>(request), ct),
                CommandType.CANCEL_RESERVATION => await CancelReservationAsync(charger, Read<CancelReservation>(request), ct),
                CommandType.UNLOCK_CONNECTOR => await UnlockAsync(charger, Read<UnlockConnector>(request), ct),
                _ => (CommandResultType.NOT_SUPPORTED, "not supported by the simulated charger"),
            };
            logger.LogInformation("Simulated charger answered {CommandType} {ReceivedRequestId}: {Result} {Reason}", request.Type, requestId, result, message);
            return await outcomes.CommandResultAsync(requestId, new CommandResult
            {
                Result = result,
                Message = message is null ? null : [new DisplayText { Language = "en", Text = message }],
            }, ct);
        }, ct);
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task RunChargingProfileAsync(long requestId, CancellationToken ct)
    {
        var (request, cpo) = await LoadAsync(requestId, ct);
        if (request is null || cpo is null) return;
        var charger = new Charger(request, cpo, Now);
        await RunAsync(requestId, async () =>
        {
            var result = await ChargingProfileAsync(charger, Enum.Parse<ChargingProfileRequestType>(request.Type), ct);
            logger.LogInformation("Simulated charger answered charging profile {Type} {ReceivedRequestId}", request.Type, requestId);
            return await outcomes.ChargingProfileResultAsync(requestId, result, ct);
        }, ct);
    }

    private async Task<(ReceivedRequest?, PartyRef?)> LoadAsync(long requestId, CancellationToken ct)
    {
        var request = await received.FindAsync(requestId, ct);
        if (request is null || request.Result is not null) return (null, null);
        correlation.CorrelationId = request.CorrelationId ?? correlation.CorrelationId;
        var party = await parties.FindByIdAsync(request.HostedPartyId, ct);
        return party is null ? (null, null) : (request, new PartyRef(party.CountryCode, party.PartyId));
    }

    /// <summary>Side effects and outcome in one transaction; rolled back when the outcome was reported already.</summary>
    private async Task RunAsync(long requestId, Func<Task<bool>> answer, CancellationToken ct)
    {
        await db.BeginAsync(ct);
        try
        {
            if (await answer()) await db.CommitAsync(ct);
            else await db.RollbackAsync();
        }
        catch
        {
            await db.RollbackAsync();
            logger.LogWarning("Simulated charger failed to answer request {ReceivedRequestId}", requestId);
            throw;
        }
    }

    private async Task<(CommandResultType, string?)> StartAsync(Charger charger, StartSession command, CancellationToken ct)
    {
        var location = await LocationAsync(charger, command.LocationId!, ct);
        if (location is null) return (CommandResultType.REJECTED, $"location {command.LocationId} is gone");
        var evse = command.EvseUid is { } uid ? location.Evse(uid) : FirstAvailable(location);
        if (evse is null) return command.EvseUid is null ? (CommandResultType.EVSE_OCCUPIED, "no EVSE of the location is available") : (CommandResultType.REJECTED, "unknown EVSE");
        if (Refusal(evse) is { } refused) return refused;
        var evseUid = (string)evse["uid"]!;
        var connectorId = command.ConnectorId is { } given
            ? (string?)location.Connector(evseUid, given)?["id"]
            : (string?)(evse["connectors"] as JsonArray)?.FirstOrDefault()?["id"];
        if (connectorId is null) return (CommandResultType.REJECTED, "unknown connector");

        var token = command.Token!;
        var session = new Session
        {
            CountryCode = charger.Cpo.CountryCode, PartyId = charger.Cpo.PartyId, Id = Guid.NewGuid().ToString("N"),
            StartDateTime = charger.Now, Kwh = 0,
            // 2.2.1 mod_commands: the command's token SHALL be written into the Session and CDR, its eMSP included.
            CdrToken = new CdrToken { CountryCode = token.CountryCode, PartyId = token.PartyId, Uid = token.Uid, Type = token.Type, ContractId = token.ContractId },
            AuthMethod = AuthMethod.COMMAND, AuthorizationReference = command.AuthorizationReference,
            LocationId = (string)location.Root["id"]!, EvseUid = evseUid, ConnectorId = connectorId,
            Currency = Currency, Status = SessionStatus.ACTIVE, LastUpdated = charger.Now,
        };
        await sessions.PutAsync(charger.Scope(ModuleIds.Sessions), charger.Cpo, session.Id, session, ct);
        await SetEvseStatusAsync(charger, session.LocationId, evseUid, Status.CHARGING, ct);
        return (CommandResultType.ACCEPTED, null);
    }

    private async Task<(CommandResultType, string?)> StopAsync(Charger charger, StopSession command, CancellationToken ct)
    {
        var stored = await objects.FindAsync(charger.Scope(ModuleIds.Sessions), charger.Cpo.Key, command.SessionId!, ct);
        if (stored is null || stored.AudienceKey != charger.Request.SenderKey) return (CommandResultType.REJECTED, "unknown session");
        var session = OcpiJson.Deserialize<Session>(stored.Document)!;
        if (session.Status != SessionStatus.ACTIVE) return (CommandResultType.REJECTED, $"the session is {session.Status}, not ACTIVE");

        var started = session.StartDateTime ?? charger.Now;
        var hours = (decimal)Math.Max(0, (charger.Now - started).TotalHours);
        var kwh = Math.Round(hours * SimulatedKw, 3);
        // Priced from the connector's tariff, in periods cut where its elements can switch; free without one.
        var tariff = await pricer.ForConnectorAsync(charger.Request.HostedPartyId, charger.Cpo, session.LocationId!, session.EvseUid!, session.ConnectorId!, started, ct);
        var periods = CdrPricer.EvenPeriods(started, charger.Now, kwh, SimulatedKw, tariff.Tariff, tariff.Zone);
        var free = new Price { ExclVat = 0, InclVat = 0 };
        var priced = tariff.Tariff is null ? null
            : CdrPricer.Price(new Cdr { StartDateTime = started, EndDateTime = charger.Now, ChargingPeriods = periods }, tariff.Tariff, tariff.Zone);
        await sessions.PatchAsync(charger.Scope(ModuleIds.Sessions), charger.Cpo, session.Id!, new Session
        {
            Status = SessionStatus.COMPLETED, EndDateTime = charger.Now, Kwh = kwh, ChargingPeriods = periods, TotalCost = priced?.TotalCost ?? free,
            LastUpdated = charger.Now,
        }, ct);

        var location = await LocationAsync(charger, session.LocationId!, ct);
        if (location is null)
        {
            logger.LogWarning("Session {SessionId} ended at location {LocationId}, which is gone: no CDR recorded", session.Id, session.LocationId);
            return (CommandResultType.ACCEPTED, null);
        }
        var evse = location.Evse(session.EvseUid!);
        var connector = location.Connector(session.EvseUid!, session.ConnectorId!);
        var root = location.Root;
        var cdr = new Cdr
        {
            CountryCode = charger.Cpo.CountryCode, PartyId = charger.Cpo.PartyId, Id = session.Id, StartDateTime = started, EndDateTime = charger.Now,
            SessionId = session.Id, CdrToken = session.CdrToken, AuthMethod = session.AuthMethod, AuthorizationReference = session.AuthorizationReference,
            CdrLocation = new CdrLocation
            {
                Id = (string?)root["id"], Name = (string?)root["name"], Address = (string?)root["address"], City = (string?)root["city"],
                PostalCode = (string?)root["postal_code"], State = (string?)root["state"], Country = (string?)root["country"],
                Coordinates = root["coordinates"].Deserialize<GeoLocation>(OcpiJson.Options),
                EvseUid = session.EvseUid, EvseId = (string?)evse?["evse_id"] ?? session.EvseUid, ConnectorId = session.ConnectorId,
                ConnectorStandard = connector?["standard"].Deserialize<ConnectorType?>(OcpiJson.Options),
                ConnectorFormat = connector?["format"].Deserialize<ConnectorFormat?>(OcpiJson.Options),
                ConnectorPowerType = connector?["power_type"].Deserialize<PowerType?>(OcpiJson.Options),
            },
            Currency = session.Currency, ChargingPeriods = periods, TotalCost = free, TotalEnergy = kwh, TotalTime = Math.Round(hours, 4),
            Remark = tariff.Tariff is null ? $"Simulated charge point: not priced, {tariff.Why}" : null, LastUpdated = charger.Now,
        };
        if (tariff.Tariff is not null) cdr = CdrPricer.Price(cdr, tariff.Tariff, tariff.Zone);
        await cdrs.StoreAsync(charger.Scope(ModuleIds.Cdrs), charger.Cpo, cdr, ct);
        if (evse is not null) await SetEvseStatusAsync(charger, (string)root["id"]!, (string)evse["uid"]!, Status.AVAILABLE, ct);
        return (CommandResultType.ACCEPTED, null);
    }

    private async Task<(CommandResultType, string?)> ReserveAsync(Charger charger, ReserveNow command, CancellationToken ct)
    {
        var location = await LocationAsync(charger, command.LocationId!, ct);
        if (location is null) return (CommandResultType.REJECTED, $"location {command.LocationId} is gone");
        // 2.2.1 mod_commands §ReserveNow: without evse_uid, any EVSE of the location.
        var evse = command.EvseUid is { } uid ? location.Evse(uid) : FirstAvailable(location);
        if (evse is null) return command.EvseUid is null ? (CommandResultType.EVSE_OCCUPIED, "no EVSE of the location is available") : (CommandResultType.REJECTED, "unknown EVSE");
        if (Refusal(evse) is { } refused) return refused;
        await reservations.SaveAsync(charger.Request.HostedPartyId, charger.Cpo, new Reservation
        {
            ReservationId = command.ReservationId, Emsp = charger.Request.SenderKey, ChargerReservationId = charger.Request.ChargerRef,
            LocationId = (string)location.Root["id"]!, EvseUid = command.EvseUid is null ? null : (string)evse["uid"]!, ExpiryDate = command.ExpiryDate,
            Status = ReservationStates.Active, RequestId = charger.Request.Id, LastUpdated = charger.Now,
        }, ct);
        return (CommandResultType.ACCEPTED, null);
    }

    private async Task<(CommandResultType, string?)> CancelReservationAsync(Charger charger, CancelReservation command, CancellationToken ct)
    {
        var reservation = await reservations.FindAsync(charger.Request.HostedPartyId, charger.Cpo, charger.Request.SenderKey, command.ReservationId!, ct);
        if (reservation is null || !reservation.IsActive(charger.Now)) return (CommandResultType.UNKNOWN_RESERVATION, null);
        await reservations.SaveAsync(charger.Request.HostedPartyId, charger.Cpo,
            reservation with { Status = ReservationStates.Cancelled, LastUpdated = charger.Now }, ct);
        return (CommandResultType.ACCEPTED, null);
    }

    private async Task<(CommandResultType, string?)> UnlockAsync(Charger charger, UnlockConnector command, CancellationToken ct)
    {
        var location = await LocationAsync(charger, command.LocationId!, ct);
        return location?.Connector(command.EvseUid!, command.ConnectorId!) is null
            ? (CommandResultType.REJECTED, "unknown connector")
            : (CommandResultType.ACCEPTED, null);
    }

    private async Task<object> ChargingProfileAsync(Charger charger, ChargingProfileRequestType type, CancellationToken ct)
    {
        var stored = await objects.FindAsync(charger.Scope(ModuleIds.Sessions), charger.Cpo.Key, charger.Request.ObjectKey!, ct);
        var session = stored is null ? null : OcpiJson.Deserialize<Session>(stored.Document);
        var profiles = charger.Scope(ModuleIds.ChargingProfiles);
        if (session is null || session.Status is not (SessionStatus.ACTIVE or SessionStatus.PENDING))
            return type switch
            {
                ChargingProfileRequestType.GET => new ActiveChargingProfileResult { Result = ChargingProfileResultType.REJECTED },
                ChargingProfileRequestType.CLEAR => new ClearProfileResult { Result = ChargingProfileResultType.REJECTED },
                _ => new ChargingProfileResult { Result = ChargingProfileResultType.REJECTED },
            };
        var active = await objects.FindAsync(profiles, charger.Cpo.Key, session.Id!, ct);
        switch (type)
        {
            case ChargingProfileRequestType.SET:
                var set = Read<SetChargingProfile>(charger.Request);
                var profile = new ActiveChargingProfile { StartDateTime = charger.Now, ChargingProfile = set.ChargingProfile };
                await objects.SaveAsync(profiles, charger.Cpo.Key, session.Id!, charger.Now, OcpiJson.Serialize(profile), ct,
                    audienceKey: charger.Request.SenderKey);
                return new ChargingProfileResult { Result = ChargingProfileResultType.ACCEPTED };
            case ChargingProfileRequestType.GET:
                var duration = JsonNode.Parse(charger.Request.Document)?["duration"]?.GetValue<int>();
                return new ActiveChargingProfileResult
                {
                    Result = ChargingProfileResultType.ACCEPTED,
                    Profile = active is null ? await MaximumAsync(charger, session, duration, ct) : OcpiJson.Deserialize<ActiveChargingProfile>(active.Document),
                };
            default:
                if (active is null) return new ClearProfileResult { Result = ChargingProfileResultType.UNKNOWN };
                await objects.DeleteAsync(profiles, charger.Cpo.Key, session.Id!, ct);
                // P3: the party that set the cleared profile hears what applies now; only it, since only it set one.
                if (active.AudienceKey == charger.Request.SenderKey)
                    await outcomes.ActiveChargingProfileChangedAsync(charger.Request, session.Id!, await MaximumAsync(charger, session, null, ct), ct);
                return new ClearProfileResult { Result = ChargingProfileResultType.ACCEPTED };
        }
    }

    /// <summary>With no profile left, what applies is the EVSE's maximum capacity (2.2.1 mod_charging_profiles).</summary>
    private async Task<ActiveChargingProfile> MaximumAsync(Charger charger, Session session, int? duration, CancellationToken ct)
    {
        var location = await LocationAsync(charger, session.LocationId!, ct);
        var connector = location?.Connector(session.EvseUid!, session.ConnectorId!);
        var (unit, limit) = connector?["max_electric_power"] is JsonValue watts ? (ChargingRateUnit.W, watts.GetValue<decimal>())
            : connector?["max_amperage"] is JsonValue amps ? (ChargingRateUnit.A, amps.GetValue<decimal>())
            : (ChargingRateUnit.A, 32m);
        return new ActiveChargingProfile
        {
            StartDateTime = charger.Now,
            ChargingProfile = new ChargingProfile
            {
                ChargingRateUnit = unit, Duration = duration,
                ChargingProfilePeriod = [new ChargingProfilePeriod { StartPeriod = 0, Limit = limit }],
            },
        };
    }

    private async Task<LocationDocument?> LocationAsync(Charger charger, string locationId, CancellationToken ct)
    {
        var stored = await objects.FindAsync(charger.Scope(ModuleIds.Locations), charger.Cpo.Key, locationId, ct);
        return stored is null ? null : LocationDocument.Read(stored);
    }

    private Task SetEvseStatusAsync(Charger charger, string locationId, string evseUid, Status status, CancellationToken ct) =>
        locations.PatchAsync(charger.Scope(ModuleIds.Locations), charger.Cpo, new LocationPath(locationId, evseUid), new JsonObject
        {
            ["status"] = status.ToString(),
            ["last_updated"] = JsonSerializer.SerializeToNode(charger.Now, OcpiJson.Options),
        }, ct);

    private static JsonObject? FirstAvailable(LocationDocument location) =>
        (location.Root["evses"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(e => (string?)e["status"] == nameof(Status.AVAILABLE));

    /// <summary>Why an EVSE cannot take a session or reservation now, or null when it is AVAILABLE.</summary>
    private static (CommandResultType, string?)? Refusal(JsonObject evse) => (string?)evse["status"] switch
    {
        nameof(Status.AVAILABLE) => null,
        nameof(Status.CHARGING) or nameof(Status.BLOCKED) or nameof(Status.RESERVED) => (CommandResultType.EVSE_OCCUPIED, $"the EVSE is {evse["status"]}"),
        var other => (CommandResultType.EVSE_INOPERATIVE, $"the EVSE is {other}"),
    };

    private static T Read<T>(ReceivedRequest request) => OcpiJson.Deserialize<T>(request.Document)!;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The request being answered, the CPO whose charger answers it, and the moment it answers.</summary>
    private sealed record Charger(ReceivedRequest Request, PartyRef Cpo, DateTime Now)
    {
        public ObjectScope Scope(string module) => new(module, Request.HostedPartyId, ObjectSide.Own);
    }
}
