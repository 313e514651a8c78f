namespace Platform.Ocpi.Model.Locations;

/// <summary>2.2.1 mod_locations §Hours: <c>regular_hours</c> is required when <c>twentyfourseven</c> is false.</summary>
public sealed record Hours
{
    public IReadOnlyList<RegularHours>? RegularHours { get; init; }
    public bool? Twentyfourseven { get; init; }
    public IReadOnlyList<ExceptionalPeriod>? ExceptionalOpenings { get; init; }
    public IReadOnlyList<ExceptionalPeriod>? ExceptionalClosings { get; init; }
}

/// <summary>2.2.1 mod_locations §RegularHours: local times "HH:MM", weekday 1 (Monday) to 7 (Sunday).</summary>
public sealed record RegularHours
{
    public int? Weekday { get; init; }
    public string? PeriodBegin { get; init; }
    public string? PeriodEnd { get; init; }
}

/// <summary>2.2.1 mod_locations §ExceptionalPeriod: UTC, unlike RegularHours.</summary>
public sealed record ExceptionalPeriod
{
    public DateTime? PeriodBegin { get; init; }
    public DateTime? PeriodEnd { get; init; }
}
