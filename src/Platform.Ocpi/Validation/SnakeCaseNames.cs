using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FluentValidation;

namespace Platform.Ocpi.Validation;

/// <summary>
/// Makes FluentValidation name properties as they are on the wire (<c>evses[0].connectors[1].max_voltage</c>),
/// so every message points at the JSON a peer sent.
/// </summary>
internal static class SnakeCaseNames
{
    // A library-level initializer on purpose: every consumer of the wire validators must get wire names.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : Snake(member);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : Snake(member);
    }

    internal static string Of(MemberInfo member) => Snake(member);

    // FluentValidation asks for the names on every validation, not once per rule: reading the attribute each time was a
    // few per cent of a request's CPU.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MemberInfo, string> Names = new();

    private static string Snake(MemberInfo member) => Names.GetOrAdd(member, static m =>
        m.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
        ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(m.Name));
}
