using System.Text;
using AkkaCompute.Remote.Security;

namespace AkkaCompute.Remote.Tests.Security;

public sealed class PskSettingsTests
{
    private const string TextKey = "correct horse battery staple, 32+";

    [Fact]
    public void Without_a_key_psk_mode_is_refused_with_no_default()
    {
        var error = Assert.Throws<ConfigurationException>(() => new PskSettings().Validate());
        Assert.Equal("akc.remote.psk.key", error.Key);
        Assert.Null(error.Value);
        Assert.Equal("PSK mode needs a key; there is no default", error.Constraint);
    }

    [Fact]
    public void KeyBytes_without_a_key_throws_the_same_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => new PskSettings().KeyBytes());
        Assert.Equal(PskSettings.KeyKey, error.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sesame")]
    [InlineData("0123456789abcdefghijklmnopq-!_.")] // 31 characters of text
    public void A_text_key_under_32_characters_is_refused_without_showing_it(string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => new PskSettings { Key = key }.Validate());
        Assert.Equal(PskSettings.KeyKey, error.Key);
        Assert.Contains("too short", error.Constraint);
        Assert.Equal($"(hidden), {key.Length} characters", error.Value);
        if (key.Length > 0)
        {
            Assert.DoesNotContain(key, error.Message);
        }
    }

    [Fact]
    public void Base64_of_fewer_than_16_bytes_is_refused()
    {
        var key = Convert.ToBase64String(new byte[15]);
        var error = Assert.Throws<ConfigurationException>(() => new PskSettings { Key = key }.Validate());
        Assert.Equal(PskSettings.KeyKey, error.Key);
    }

    [Fact]
    public void Base64_of_16_bytes_or_more_is_the_key_decoded()
    {
        var bytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var settings = new PskSettings { Key = Convert.ToBase64String(bytes) };
        settings.Validate();
        Assert.Equal(bytes, settings.KeyBytes());
        Assert.Equal(new byte[16], new PskSettings { Key = Convert.ToBase64String(new byte[16]) }.KeyBytes());
    }

    [Fact]
    public void Text_of_32_characters_or_more_is_the_key_as_utf8()
    {
        var settings = new PskSettings { Key = TextKey };
        settings.Validate();
        Assert.Equal(Encoding.UTF8.GetBytes(TextKey), settings.KeyBytes());
    }

    [Fact]
    public void A_key_longer_than_the_limit_is_refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => new PskSettings { Key = new string('x', PskSettings.MaxKeyChars + 1) }.Validate());
        Assert.Equal(PskSettings.KeyKey, error.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_allowed_node_id_is_refused(string id)
    {
        var error = Assert.Throws<ConfigurationException>(() => new PskSettings { Key = TextKey, AllowedNodeIds = ["node-1", id] }.Validate());
        Assert.Equal(PskSettings.AllowedNodeIdsKey, error.Key);
    }

    [Fact]
    public void An_empty_allow_list_allows_any_node_and_a_list_only_its_entries()
    {
        Assert.True(new PskSettings { Key = TextKey }.IsAllowed("anyone"));
        var listed = new PskSettings { Key = TextKey, AllowedNodeIds = ["node-1"] };
        Assert.True(listed.IsAllowed("node-1"));
        Assert.False(listed.IsAllowed("node-2"));
        Assert.False(listed.IsAllowed("NODE-1"));
    }

    [Fact]
    public void ToString_never_shows_the_key()
    {
        var text = new PskSettings { Key = TextKey, AllowedNodeIds = ["node-1"] }.ToString();
        Assert.DoesNotContain(TextKey, text);
        Assert.Contains("Key = (hidden)", text);
        Assert.Contains("node-1", text);
    }
}
