using System.CommandLine;
using System.Globalization;
using Broker.Contracts;
using Broker.Contracts.Audit;

namespace Broker.Cli.Commands;

/// <summary><c>brokerctl audit</c>: who did what, newest first.</summary>
internal static class AuditCommand
{
    private static readonly string[] Columns = ["TIME", "ACTOR", "ACTION", "TARGET", "OUTCOME", "ADDRESS", "DEVICE", "DETAIL"];

    public static Command Create(CliApp app)
    {
        var since = new Option<DateTimeOffset?>("--since")
        {
            Description = "Only events at or after this time (ISO 8601, e.g. 2025-01-31 or 2025-01-31T08:00:00Z)",
            HelpName = "TIME",
            CustomParser = result =>
            {
                var value = result.Tokens[0].Value;
                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    return time;
                }

                result.AddError($"'{value}' is not a time: use ISO 8601, e.g. 2025-01-31T08:00:00Z");
                return null;
            },
        };
        var actor = new Option<string?>("--actor") { Description = "Only events by this e-mail address", HelpName = "EMAIL" };
        var device = CliSymbols.IdOption("--device", "Only events about this device");
        var action = new Option<string?>("--action") { Description = "Only events of this action, e.g. auth.login or agent.create", HelpName = "ACTION" };
        var limit = new Option<int?>("--limit") { Description = "At most this many events (the broker's default: 100)", HelpName = "N" };
        var command = new Command("audit", "Read the audit log, newest first") { since, actor, device, action, limit };
        app.SetAction(command, async invocation =>
        {
            var query = string.Join('&', new[]
            {
                Parameter("since", invocation.Value(since)?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
                Parameter("actor", invocation.Value(actor)),
                Parameter("deviceId", invocation.Value(device)?.ToString()),
                Parameter("action", invocation.Value(action)),
                Parameter("limit", invocation.Value(limit)?.ToString(CultureInfo.InvariantCulture)),
            }.OfType<string>());
            var route = query.Length == 0 ? Routes.Audit : $"{Routes.Audit}?{query}";
            var reply = await invocation.SignedIn().GetAsync<AuditEventResponse[]>(route, invocation.CancellationToken);
            invocation.Output.ShowList(reply, "No audit events.", Columns, e =>
                [Format.Time(e.Time), e.Actor, e.Action, Format.OrNone(e.Target), e.Outcome, Format.OrNone(e.Address),
                 Format.OrNone(e.DeviceId?.ToString()), Format.OrNone(e.Detail)]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string? Parameter(string name, string? value) => value is null ? null : $"{name}={Uri.EscapeDataString(value)}";
}
