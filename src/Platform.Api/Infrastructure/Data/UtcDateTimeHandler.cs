using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Platform.Ocpi.Json;

namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// Every DateTime in the database is UTC. SQLite keeps them as text, so write one fixed-width form
/// (text order = time order, which date filters and paging rely on) and read any form back as UTC.
/// </summary>
public sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
{
    public const string SqliteFormat = "yyyy-MM-dd HH:mm:ss.fffffff";

    public static void Register()
    {
        SqlMapper.RemoveTypeMap(typeof(DateTime));
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
    }

    public override void SetValue(IDbDataParameter parameter, DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = ToSqlite(utc);
        }
        else
        {
            parameter.DbType = DbType.DateTime2;
            parameter.Value = utc;
        }
    }

    public override DateTime Parse(object value) => value switch
    {
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        string s when TryReadSqlite(s, out var utc) => utc,
        string s => DateTime.SpecifyKind(DateTime.Parse(s, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a DateTime"),
    };

    // Every stored DateTime passes here, on each write and each read of a row: the fixed form is written and read by hand
    // (the framework's custom format and its general parse took about a microsecond each); any other form is parsed as before.
    public static string ToSqlite(DateTime utc) => string.Create(SqliteFormat.Length, utc, static (text, utc) =>
    {
        DateTimeFields.Write(text, utc, ' ');
        text[DateTimeFields.Length] = '.';
        DateTimeFields.WriteDigits(text[(DateTimeFields.Length + 1)..], (int)(utc.Ticks % TimeSpan.TicksPerSecond));
    });

    /// <summary>Reads <see cref="SqliteFormat"/> exactly, as UTC; false for any other form.</summary>
    public static bool TryReadSqlite(string text, out DateTime utc)
    {
        utc = default;
        return text.Length == SqliteFormat.Length && DateTimeFields.TryRead(text, ' ', out utc);
    }
}
