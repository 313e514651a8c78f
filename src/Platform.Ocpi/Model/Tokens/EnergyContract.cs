namespace Platform.Ocpi.Model.Tokens;

/// <summary>2.2.1 mod_tokens §EnergyContract: lets a driver bring their own energy supplier.</summary>
public sealed record EnergyContract
{
    public string? SupplierName { get; init; }
    public string? ContractId { get; init; }
}
