namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// Marks a SQL constant that only SQLite runs. Every other SQL constant in this assembly runs on both databases
/// and a unit test parses it as T-SQL, since no SQL Server runs on the build machines.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Class)]
public sealed class SqliteOnlyAttribute : Attribute;
