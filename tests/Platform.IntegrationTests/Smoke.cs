namespace Platform.IntegrationTests;
public class Smoke { [Fact] public void Runs() => Assert.True(true); }
