-- The audit log: append-only, newest first when read. Times are Unix milliseconds (UTC).
CREATE TABLE IF NOT EXISTS BrokerAuditEvents
(
    Id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    Time     BIGINT NOT NULL,
    Actor    TEXT   NOT NULL,
    Action   TEXT   NOT NULL,
    Target   TEXT   NULL,
    Outcome  TEXT   NOT NULL,
    Address  TEXT   NULL,
    DeviceId TEXT   NULL,
    Detail   TEXT   NULL
);

CREATE INDEX IF NOT EXISTS IX_BrokerAuditEvents_Time ON BrokerAuditEvents (Time);
CREATE INDEX IF NOT EXISTS IX_BrokerAuditEvents_Actor ON BrokerAuditEvents (LOWER(Actor), Time);
CREATE INDEX IF NOT EXISTS IX_BrokerAuditEvents_DeviceId ON BrokerAuditEvents (DeviceId, Time);
