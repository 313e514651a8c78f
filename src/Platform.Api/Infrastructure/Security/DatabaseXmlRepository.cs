using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Platform.Api.Infrastructure.Security;

/// <summary>
/// Keeps the Data Protection key ring in the platform database, so the outbound tokens it encrypts can be read
/// after a restart and by every node that shares the database.
/// </summary>
public sealed class DatabaseXmlRepository(DbConnectionFactory factory) : IXmlRepository
{
    private const string SelectKeys = "SELECT xml FROM data_protection_keys";

    private const string InsertKey = "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@FriendlyName, @Xml)";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = factory.OpenAsync().GetAwaiter().GetResult();
        return connection.Query<string>(SelectKeys).Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = factory.OpenAsync().GetAwaiter().GetResult();
        connection.Execute(InsertKey,
            new { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
