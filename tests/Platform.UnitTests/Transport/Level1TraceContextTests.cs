using Platform.Api.Infrastructure.Peers;

namespace Platform.UnitTests.Transport;

public sealed class Level1TraceContextTests
{
    [Theory]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-02", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-03", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    [InlineData("garbage", "garbage")]
    public void Only_the_sampled_flag_reaches_a_peer(string sent, string expected) => Assert.Equal(expected, Level1TraceContext.Level1(sent));
}
