namespace Platform.Api.Tenancy;

/// <summary>A hosted party's roles as kept in the <c>parties.roles</c> column: <c>CPO,EMSP</c>.</summary>
public static class PartyRoles
{
    public static IEnumerable<Role> Parse(string column) =>
        column.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<Role>);

    public static string Format(IEnumerable<Role> roles) => string.Join(',', roles.Distinct().Order());
}
