namespace Platform.Ocpi.Model.Common;

/// <summary>2.2.1 types §Role: the market role of a party.</summary>
public enum Role
{
    CPO,
    EMSP,
    HUB,
    NAP,
    NSP,
    OTHER,
    SCSP,
}
