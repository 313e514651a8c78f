namespace Platform.Api.Infrastructure.Web;

/// <summary>Why a request is refused; each surface (OCPI envelope, admin problem details) maps it to its own answer.</summary>
public enum RejectionKind
{
    /// <summary>Body is not JSON: HTTP 400 on both surfaces.</summary>
    MalformedJson,
    /// <summary>Valid JSON with invalid content: OCPI HTTP 200 + 2001; admin HTTP 400.</summary>
    Invalid,
    /// <summary>Missing or unknown credentials: HTTP 401.</summary>
    Unauthenticated,
    /// <summary>Unknown object, or a party the caller may not address: HTTP 404.</summary>
    NotFound,
    /// <summary>Not allowed in the current state (e.g. credentials POST while registered): HTTP 405 / 409.</summary>
    WrongState,
    /// <summary>Duplicate on create: admin HTTP 409.</summary>
    Conflict,
    /// <summary>The remote peer failed us: OCPI 3001/3003 or admin 502.</summary>
    PeerFailed,
    /// <summary>The body is larger than Ocpi:MaxBodyBytes: HTTP 413 on both surfaces.</summary>
    TooLarge,
}

/// <summary>
/// Thrown to refuse a request with an answer a person can act on. The OCPI middleware and the admin middleware
/// turn it into their surface's error format; nothing in between catches it.
/// </summary>
public sealed class RequestRejectedException(RejectionKind kind, string message, int? ocpiStatus = null) : Exception(message)
{
    public RejectionKind Kind { get; } = kind;

    /// <summary>The OCPI status code to answer with, when it is not the default for <see cref="Kind"/>.</summary>
    public int? OcpiStatus { get; } = ocpiStatus;
}
