using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Platform.UnitTests.Data;

/// <summary>
/// A grouped request's savepoint is taken when it first asks <c>DbSession.ConnectionAsync</c> for the connection
/// (<c>SqliteGroupCommit.RunOneAsync</c>). A statement run on the transaction's own connection skips that, so a request
/// that then failed would be rolled back without it, and its statement would stay in the group's commit. Only the data
/// layer and the object cache, whose statements belong to the group rather than to one request, may reach the
/// connection that way; this test keeps it so.
/// </summary>
/// <remarks>
/// It reads the compiled platform, not its source: every read of a transaction's <c>Connection</c> is a call of that
/// property's getter, whatever the variable holding the transaction is called, and lambdas, local functions and async
/// methods compile into types nested in the type that wrote them.
/// </remarks>
public sealed class GroupedStatementRuleTests
{
    private static readonly string[] AllowedTypes =
    [
        "Platform.Api.Infrastructure.Objects.ObjectCache",
        "Platform.Api.Infrastructure.Objects.OcpiObjectStore",
    ];

    private const string AllowedNamespace = "Platform.Api.Infrastructure.Data";

    [Fact]
    public void Only_the_data_layer_and_the_object_cache_run_statements_on_the_transactions_connection()
    {
        var readers = TransactionConnectionReaders(typeof(Platform.Api.Infrastructure.Data.Migrator).Assembly.Location);
        // The scan finds what it looks for: the object cache reads the connection so, by design.
        Assert.Contains(readers, r => r.StartsWith(AllowedTypes[0] + ".", StringComparison.Ordinal));

        var offending = readers.Where(r => !AllowedTypes.Any(t => r.StartsWith(t + ".", StringComparison.Ordinal))
            && !r.StartsWith(AllowedNamespace + ".", StringComparison.Ordinal)).ToList();
        Assert.True(offending.Count == 0,
            "Ask DbSession.ConnectionAsync for the connection instead (it takes a grouped request's savepoint first):\n" + string.Join("\n", offending));
    }

    [Fact]
    public void The_rule_finds_the_connection_read_through_a_variable_of_any_name()
    {
        var readers = TransactionConnectionReaders(typeof(GroupedStatementRuleTests).Assembly.Location);
        Assert.Contains(typeof(GroupedStatementRuleTests).FullName + "." + nameof(Sample.Reads), readers);
        Assert.DoesNotContain(readers, r => r.Contains(nameof(Sample.NotIt), StringComparison.Ordinal));
    }

    private static class Sample
    {
        public static System.Data.Common.DbConnection? Reads(System.Data.Common.DbTransaction? current) => current?.Connection;

        public static System.Data.IDbConnection? NotIt(System.Data.IDbConnection connection) => connection;
    }

    /// <summary>Each method that calls a transaction's <c>Connection</c> getter, as its outermost type's full name, a dot and its own name.</summary>
    private static List<string> TransactionConnectionReaders(string assemblyFile)
    {
        using var pe = new PEReader(File.OpenRead(assemblyFile));
        var metadata = pe.GetMetadataReader();
        var readers = new List<string>();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = metadata.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0) continue;
                var body = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
                if (CallsTransactionConnection(metadata, ref body))
                    readers.Add(OutermostName(metadata, type) + "." + metadata.GetString(method.Name));
            }
        }
        return readers;
    }

    private static bool CallsTransactionConnection(MetadataReader metadata, ref BlobReader il)
    {
        while (il.RemainingBytes > 0)
        {
            var opCode = ReadOpCode(ref il);
            if (opCode is ILOpCode.Call or ILOpCode.Callvirt)
            {
                var token = MetadataTokens.EntityHandle(il.ReadInt32());
                if (IsTransactionConnectionGetter(metadata, token)) return true;
            }
            else SkipOperand(ref il, opCode);
        }
        return false;
    }

    private static bool IsTransactionConnectionGetter(MetadataReader metadata, EntityHandle token)
    {
        if (token.Kind != HandleKind.MemberReference) return false;
        var member = metadata.GetMemberReference((MemberReferenceHandle)token);
        if (metadata.GetString(member.Name) != "get_Connection" || member.Parent.Kind != HandleKind.TypeReference) return false;
        return metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)member.Parent).Name).EndsWith("Transaction", StringComparison.Ordinal);
    }

    private static string OutermostName(MetadataReader metadata, TypeDefinition type)
    {
        while (type.GetDeclaringType() is { IsNil: false } declaring) type = metadata.GetTypeDefinition(declaring);
        return metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name);
    }

    private static ILOpCode ReadOpCode(ref BlobReader il)
    {
        var first = il.ReadByte();
        return first == 0xFE ? (ILOpCode)(0xFE00 | il.ReadByte()) : (ILOpCode)first;
    }

    // The runtime's own table of each instruction's operand (ECMA-335 III), by opcode.
    private static readonly Dictionary<ushort, OperandType> Operands = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => unchecked((ushort)o.Value), o => o.OperandType);

    private static void SkipOperand(ref BlobReader il, ILOpCode opCode)
    {
        // Read before the offset is: a switch's count comes first, then that many targets.
        var size = Operands[(ushort)opCode] switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            OperandType.InlineSwitch => 4 * il.ReadInt32(),
            _ => 4,
        };
        il.Offset += size;
    }
}
