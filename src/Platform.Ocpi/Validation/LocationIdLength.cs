namespace Platform.Ocpi.Validation;

/// <summary>
/// How long a Location id or EVSE uid (and a reference to one) may be in the OCPI version being read: 2.1.1 allows 39
/// characters where 2.2.1 and 2.3.0 allow 36 (digest §5.1). Set around the reading of one peer's message (an inbound
/// request on a 2.1.1 URL, a pull over a 2.1.1 connection), so a 2.1.1 CPO's longer ids are read and stored; 36
/// everywhere else, the admin API included. Ambient because the shared, stateless validators are built once.
/// </summary>
public static class LocationIdLength
{
    public const int Default = 36;
    public const int Ocpi211 = 39;

    private static readonly AsyncLocal<int?> Current = new();

    public static int Max => Current.Value ?? Default;

    /// <summary>The limit of <paramref name="version"/> until the returned scope ends.</summary>
    public static IDisposable For(string? version)
    {
        var limit = version == "2.1.1" ? Ocpi211 : Default;
        // The usual case (a 2.2.1 request, nothing set around it): setting an async-local copies the execution context,
        // twice with the restore, on every request.
        if (limit == Max) return Unchanged.Instance;
        var before = Current.Value;
        Current.Value = limit;
        return new Restore(before);
    }

    private sealed class Restore(int? before) : IDisposable
    {
        public void Dispose() => Current.Value = before;
    }

    private sealed class Unchanged : IDisposable
    {
        public static readonly Unchanged Instance = new();

        public void Dispose()
        {
        }
    }
}
