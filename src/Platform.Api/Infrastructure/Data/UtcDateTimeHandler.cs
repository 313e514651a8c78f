using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

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
        string s => DateTime.SpecifyKind(DateTime.Parse(s, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a DateTime"),
    };

    public static string ToSqlite(DateTime utc) => utc.ToString(SqliteFormat, CultureInfo.InvariantCulture);
}
