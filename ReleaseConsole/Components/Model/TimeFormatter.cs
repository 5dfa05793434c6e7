using System.Globalization;
using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Configuration;

namespace ReleaseConsole.Components.Model;

/// <summary>Shows UTC instants in <c>ReleaseConsole:TimeZone</c>, the zone the contract's create_time uses.</summary>
public sealed class TimeFormatter(IOptions<ReleaseConsoleOptions> options)
{
    private readonly TimeZoneInfo _zone = options.Value.ResolveTimeZone();

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    /// <summary>A wall-clock time of the display zone (as typed by an operator) in UTC.</summary>
    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone);

    public string Format(DateTime? utc) =>
        utc is { } value ? ToLocal(value).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";
}
