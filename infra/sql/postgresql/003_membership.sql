-- Cluster membership for Orleans' ADO.NET clustering (AdoNetClusteringTable), invariant Npgsql.
-- The provider loads the queries below from OrleansQuery by key. What it expects (docs/storage.md):
-- * one version row per cluster (@DeploymentId = the cluster id); every change of a member bumps it, and a change
--   carrying a stale @Version must change nothing and answer false;
-- * reads answer the version row joined with the members (one row with NULL member columns when there are none);
-- * InsertMembershipVersionKey, InsertMembershipKey and UpdateMembershipKey answer one row with one boolean.
-- Statuses are Orleans' SiloStatus numbers: 3 Active, 6 Dead.

CREATE TABLE IF NOT EXISTS BrokerMembershipVersions
(
    DeploymentId TEXT        NOT NULL PRIMARY KEY,
    Version      INTEGER     NOT NULL,
    ChangedAt    TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS BrokerMembers
(
    DeploymentId TEXT        NOT NULL REFERENCES BrokerMembershipVersions (DeploymentId) ON DELETE CASCADE,
    Address      TEXT        NOT NULL,
    Port         INTEGER     NOT NULL,
    Generation   INTEGER     NOT NULL,
    SiloName     TEXT        NOT NULL,
    HostName     TEXT        NOT NULL,
    Status       INTEGER     NOT NULL,
    ProxyPort    INTEGER     NULL,
    SuspectTimes TEXT        NULL,
    StartTime    TIMESTAMPTZ NOT NULL,
    IAmAliveTime TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', '
WITH inserted AS
(
    INSERT INTO BrokerMembershipVersions (DeploymentId, Version, ChangedAt)
    VALUES (@DeploymentId::text, 0, now())
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted);')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', '
SELECT v.DeploymentId, v.Version, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime
FROM BrokerMembershipVersions v
LEFT JOIN BrokerMembers m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId::text;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', '
SELECT v.DeploymentId, v.Version, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime
FROM BrokerMembershipVersions v
LEFT JOIN BrokerMembers m ON m.DeploymentId = v.DeploymentId
    AND m.Address = @Address::text AND m.Port = @Port::integer AND m.Generation = @Generation::integer
WHERE v.DeploymentId = @DeploymentId::text;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Insert a member and bump the version, only while the version is the one the silo read. FOR UPDATE makes a
-- concurrent change wait and then see the new version, so of two silos that read the same version one wins.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', '
WITH expected AS
(
    SELECT DeploymentId FROM BrokerMembershipVersions
    WHERE DeploymentId = @DeploymentId::text AND Version = @Version::integer
    FOR UPDATE
),
inserted AS
(
    INSERT INTO BrokerMembers
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address::text, @Port::integer, @Generation::integer, @SiloName::text, @HostName::text,
           @Status::integer, @ProxyPort::integer, @StartTime::timestamptz, @IAmAliveTime::timestamptz
    FROM expected
    ON CONFLICT DO NOTHING
    RETURNING DeploymentId
),
bumped AS
(
    UPDATE BrokerMembershipVersions SET Version = Version + 1, ChangedAt = now()
    WHERE DeploymentId IN (SELECT DeploymentId FROM inserted)
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM bumped);')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', '
WITH expected AS
(
    SELECT DeploymentId FROM BrokerMembershipVersions
    WHERE DeploymentId = @DeploymentId::text AND Version = @Version::integer
    FOR UPDATE
),
updated AS
(
    UPDATE BrokerMembers
    SET Status = @Status::integer, SuspectTimes = @SuspectTimes::text, IAmAliveTime = @IAmAliveTime::timestamptz
    WHERE DeploymentId IN (SELECT DeploymentId FROM expected)
      AND Address = @Address::text AND Port = @Port::integer AND Generation = @Generation::integer
    RETURNING DeploymentId
),
bumped AS
(
    UPDATE BrokerMembershipVersions SET Version = Version + 1, ChangedAt = now()
    WHERE DeploymentId IN (SELECT DeploymentId FROM updated)
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM bumped);')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- The heartbeat of a silo: not a membership change, so the version stays.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', '
UPDATE BrokerMembers SET IAmAliveTime = @IAmAliveTime::timestamptz
WHERE DeploymentId = @DeploymentId::text AND Address = @Address::text AND Port = @Port::integer
  AND Generation = @Generation::integer;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Gateways for Orleans clients: active members with a gateway port.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation
FROM BrokerMembers
WHERE DeploymentId = @DeploymentId::text AND Status = @Status::integer AND ProxyPort > 0;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', '
DELETE FROM BrokerMembershipVersions WHERE DeploymentId = @DeploymentId::text;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Forget members that stopped long ago (older than the cut-off the silo passes); an Active row is never removed.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', '
DELETE FROM BrokerMembers
WHERE DeploymentId = @DeploymentId::text AND IAmAliveTime < @IAmAliveTime::timestamptz AND Status <> 3;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- The same for one dead member, as newer providers ask, matched on what the silo read of it.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntryKey', '
DELETE FROM BrokerMembers
WHERE DeploymentId = @DeploymentId::text AND Address = @Address::text AND Port = @Port::integer
  AND Generation = @Generation::integer AND Status = 6;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
