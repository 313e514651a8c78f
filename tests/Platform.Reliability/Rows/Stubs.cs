namespace Platform.Reliability.Rows;

public static class CrashRounds { public static Task<RowResult> RunAsync(RowScale s) => Task.FromResult(new RowResult("R4", "todo")); }
public static class TwoNodes { public static Task<RowResult> RunAsync(RowScale s) => Task.FromResult(new RowResult("R6", "todo")); }
