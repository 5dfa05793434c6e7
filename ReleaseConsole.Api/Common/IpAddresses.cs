using System.Net;
using System.Net.Sockets;

namespace ReleaseConsole.Api.Common;

public static class IpAddresses
{
    /// <summary>
    /// True for a dotted-quad IPv4 literal such as <c>10.0.0.1</c>. IPAddress.TryParse alone also takes
    /// forms like <c>10.1</c> or <c>0x0a.0.0.1</c>, which CMDB never stores and which would not match a host.
    /// </summary>
    public static bool IsIPv4(string? text) =>
        text is not null
        && IPAddress.TryParse(text, out var address)
        && address.AddressFamily == AddressFamily.InterNetwork
        && address.ToString() == text;

    /// <summary>Throws 5500001 naming <paramref name="parameter"/> unless <paramref name="text"/> is an IPv4 literal.</summary>
    public static string RequireIPv4(string? text, string parameter) =>
        IsIPv4(text) ? text! : throw ReleaseConsoleException.BadParameter(parameter, $"不是合法的 IPv4 地址：'{text}'");
}
