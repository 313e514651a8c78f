using Platform.Ocpi;
using Platform.Ocpi.Model.Tokens;

namespace Platform.Api.Modules.Tokens;

/// <summary>
/// A token's identity within its eMSP: uid and type (2.2.1 mod_tokens: (country_code, party_id, uid, type); the
/// owner is the object's owner). Stored as the object id <c>uid|TYPE</c>.
/// </summary>
public sealed record TokenKey(string Uid, TokenType Type)
{
    public string ObjectId => $"{Uid}|{Type}";

    public override string ToString() => $"{Uid} ({Type})";

    /// <summary>The <c>?type=</c> of a tokens URL: RFID when absent (K1); anything else must be a TokenType (2001).</summary>
    public static TokenType ParseType(string? type) =>
        string.IsNullOrEmpty(type) ? TokenType.RFID
        : Enum.TryParse<TokenType>(type, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw new RequestRejectedException(RejectionKind.Invalid, $"type: '{type}' is not a TokenType ({string.Join(", ", Enum.GetNames<TokenType>())})");

    public static TokenKey From(string uid, string? type)
    {
        if (!CiString.IsValid(uid, 36))
            throw new RequestRejectedException(RejectionKind.Invalid, "token_uid in the URL must be at most 36 printable ASCII characters");
        return new TokenKey(uid, ParseType(type));
    }
}
