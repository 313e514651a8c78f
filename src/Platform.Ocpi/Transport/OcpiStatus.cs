namespace Platform.Ocpi.Transport;

/// <summary>OCPI status codes (2.2.1 status_codes): the <c>status_code</c> of every envelope.</summary>
public static class OcpiStatus
{
    public const int Success = 1000;

    public const int ClientError = 2000;
    public const int InvalidOrMissingParameters = 2001;
    public const int NotEnoughInformation = 2002;
    public const int UnknownLocation = 2003;
    public const int UnknownToken = 2004;

    public const int ServerError = 3000;
    public const int UnableToUseClientApi = 3001;
    public const int UnsupportedVersion = 3002;
    public const int NoMatchingEndpoints = 3003;

    public const int HubError = 4000;
    public const int HubUnknownReceiver = 4001;
    public const int HubTimeout = 4002;
    public const int HubConnectionProblem = 4003;

    public static bool IsSuccess(int code) => code is >= 1000 and < 2000;

    public static string Describe(int code) => code switch
    {
        Success => "Success",
        ClientError => "Generic client error",
        InvalidOrMissingParameters => "Invalid or missing parameters",
        NotEnoughInformation => "Not enough information",
        UnknownLocation => "Unknown Location",
        UnknownToken => "Unknown Token",
        ServerError => "Generic server error",
        UnableToUseClientApi => "Unable to use the client's API",
        UnsupportedVersion => "Unsupported version",
        NoMatchingEndpoints => "No matching endpoints or expected endpoints missing between parties",
        HubError => "Generic error",
        HubUnknownReceiver => "Unknown receiver (TO address is unknown)",
        HubTimeout => "Timeout on forwarded request (message is forwarded, but request times out)",
        HubConnectionProblem => "Connection problem (receiving party is not connected)",
        _ => code switch
        {
            >= 1900 and < 2000 => "Custom success",
            >= 2900 and < 3000 => "Custom client error",
            >= 3900 and < 4000 => "Custom server error",
            >= 4900 and < 5000 => "Custom hub error",
            _ => "Unknown status",
        },
    };
}
