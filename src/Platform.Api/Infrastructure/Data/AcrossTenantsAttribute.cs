namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// Marks a SQL constant that touches tenant tables without naming a hosted party, and says why that is right (e.g. a
/// pump that serves every tenant, an operator's list). A test fails for any other such statement.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class AcrossTenantsAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
