using System.Text.Json.Serialization;

namespace Platform.Ocpi.Transport;

/// <summary>
/// The envelope around every OCPI response (2.2.1 transport_and_format §Response format). Request bodies are
/// never wrapped. <c>data</c> is omitted when there is none (ChargingProfiles Sender answers require that).
/// </summary>
public sealed record OcpiResponse<T>
{
    [JsonPropertyOrder(0)] public T? Data { get; init; }
    [JsonPropertyOrder(1)] public int StatusCode { get; init; }
    [JsonPropertyOrder(2)] public string? StatusMessage { get; init; }
    [JsonPropertyOrder(3)] public DateTime Timestamp { get; init; }
}

public static class OcpiResponse
{
    public static OcpiResponse<T> Success<T>(T data, DateTime now, string? message = null) =>
        new() { Data = data, StatusCode = OcpiStatus.Success, StatusMessage = message ?? "Success", Timestamp = now };

    public static OcpiResponse<object> Success(DateTime now, string? message = null) =>
        new() { StatusCode = OcpiStatus.Success, StatusMessage = message ?? "Success", Timestamp = now };

    public static OcpiResponse<object> Error(int statusCode, string message, DateTime now) =>
        new() { StatusCode = statusCode, StatusMessage = message, Timestamp = now };
}
