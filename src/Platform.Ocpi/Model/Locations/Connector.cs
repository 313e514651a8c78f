namespace Platform.Ocpi.Model.Locations;

/// <summary>2.2.1 mod_locations §Connector object. <c>id</c> is unique within its EVSE only.</summary>
public sealed record Connector
{
    public string? Id { get; init; }
    public ConnectorType? Standard { get; init; }
    public ConnectorFormat? Format { get; init; }
    public PowerType? PowerType { get; init; }
    public int? MaxVoltage { get; init; }
    public int? MaxAmperage { get; init; }
    public int? MaxElectricPower { get; init; }
    public IReadOnlyList<string>? TariffIds { get; init; }
    public string? TermsAndConditions { get; init; }
    /// <summary>2.3.0 ConnectorCapability values (an open enum, kept as strings), served to 2.3.0 peers only.</summary>
    public IReadOnlyList<string>? Capabilities { get; init; }
    public DateTime? LastUpdated { get; init; }
}

public enum ConnectorFormat
{
    SOCKET,
    CABLE,
}

public enum PowerType
{
    AC_1_PHASE,
    AC_2_PHASE,
    AC_2_PHASE_SPLIT,
    AC_3_PHASE,
    DC,
}

/// <summary>
/// 2.2.1 mod_locations §ConnectorType, and the two values 2.3.0 added (MCS, SAE_J3400), which the model keeps so a
/// 2.3.0 CPO's connectors are stored; the version edge leaves them out for older peers. The IEC 60309 members are
/// mixed case in the spec, on purpose.
/// </summary>
public enum ConnectorType
{
    CHADEMO,
    CHAOJI,
    DOMESTIC_A,
    DOMESTIC_B,
    DOMESTIC_C,
    DOMESTIC_D,
    DOMESTIC_E,
    DOMESTIC_F,
    DOMESTIC_G,
    DOMESTIC_H,
    DOMESTIC_I,
    DOMESTIC_J,
    DOMESTIC_K,
    DOMESTIC_L,
    DOMESTIC_M,
    DOMESTIC_N,
    DOMESTIC_O,
    GBT_AC,
    GBT_DC,
    IEC_60309_2_single_16,
    IEC_60309_2_three_16,
    IEC_60309_2_three_32,
    IEC_60309_2_three_64,
    IEC_62196_T1,
    IEC_62196_T1_COMBO,
    IEC_62196_T2,
    IEC_62196_T2_COMBO,
    IEC_62196_T3A,
    IEC_62196_T3C,
    /// <summary>2.3.0: Megawatt Charging System (trucks); no older version has it.</summary>
    MCS,
    NEMA_5_20,
    NEMA_6_30,
    NEMA_6_50,
    NEMA_10_30,
    NEMA_10_50,
    NEMA_14_30,
    NEMA_14_50,
    PANTOGRAPH_BOTTOM_UP,
    PANTOGRAPH_TOP_DOWN,
    /// <summary>2.3.0: SAE J3400 (NACS), the plug older versions call TESLA_S.</summary>
    SAE_J3400,
    TESLA_R,
    TESLA_S,
}
