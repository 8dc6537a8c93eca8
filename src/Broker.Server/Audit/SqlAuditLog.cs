using System.Data.Common;
using System.Text;
using Broker.Schema;

namespace Broker.Server.Audit;

/// <summary>The audit log in the host's database (the BrokerAuditEvents table of infra/sql); plain SQL both dialects read.</summary>
public sealed class SqlAuditLog(IBrokerDatabase database) : IAuditLog
{
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO BrokerAuditEvents (Time, Actor, Action, Target, Outcome, Address, DeviceId, Detail)
            VALUES (@time, @actor, @action, @target, @outcome, @address, @deviceId, @detail)
            """;
        Add(command, "time", record.Time.ToUnixTimeMilliseconds());
        Add(command, "actor", record.Actor);
        Add(command, "action", record.Action);
        Add(command, "target", record.Target);
        Add(command, "outcome", record.Outcome);
        Add(command, "address", record.Address);
        Add(command, "deviceId", record.DeviceId?.ToString());
        Add(command, "detail", record.Detail);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT Id, Time, Actor, Action, Target, Outcome, Address, DeviceId, Detail FROM BrokerAuditEvents WHERE 1 = 1");
        if (query.Since is { } since)
        {
            sql.Append(" AND Time >= @since");
            Add(command, "since", since.ToUnixTimeMilliseconds());
        }

        if (query.Actor is { } actor)
        {
            sql.Append(" AND LOWER(Actor) = LOWER(@actor)");
            Add(command, "actor", actor);
        }

        if (query.DeviceId is { } deviceId)
        {
            sql.Append(" AND DeviceId = @deviceId");
            Add(command, "deviceId", deviceId.ToString());
        }

        if (query.Action is { } action)
        {
            sql.Append(" AND Action = @action");
            Add(command, "action", action);
        }

        sql.Append(" ORDER BY Id DESC LIMIT @limit");
        Add(command, "limit", query.Limit);
        command.CommandText = sql.ToString();

        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AuditRecord(
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(1))),
                reader.GetString(2),
                reader.GetString(3),
                NullableString(reader, 4),
                reader.GetString(5),
                NullableString(reader, 6),
                NullableString(reader, 7) is { } device ? Guid.Parse(device) : null,
                NullableString(reader, 8))
            {
                Id = Convert.ToInt64(reader.GetValue(0)),
            });
        }

        return records;
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
