-- Grain state for Orleans' ADO.NET persistence (AdoNetGrainStorage), invariant Npgsql.
-- Written to the provider's query contract (docs/storage.md): the provider loads the three queries below from
-- OrleansQuery by key, binds @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
-- @GrainIdExtensionString, @ServiceId (+ @GrainStateVersion, @PayloadBinary) and reads the columns named here.
-- Every parameter is cast, so a NULL the driver sends untyped still has a type.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS BrokerGrainState
(
    GrainIdHash            INTEGER     NOT NULL,
    GrainIdN0              BIGINT      NOT NULL,
    GrainIdN1              BIGINT      NOT NULL,
    GrainTypeHash          INTEGER     NOT NULL,
    GrainTypeString        TEXT        NOT NULL,
    GrainIdExtensionString TEXT        NULL,
    ServiceId              TEXT        NOT NULL,
    PayloadBinary          BYTEA       NULL,
    ModifiedOn             TIMESTAMPTZ NOT NULL,
    Version                INTEGER     NOT NULL
);

-- One row per grain state; the extension is part of the identity and may be NULL, hence COALESCE.
CREATE UNIQUE INDEX IF NOT EXISTS IX_BrokerGrainState_Identity ON BrokerGrainState
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString, COALESCE(GrainIdExtensionString, ''));

-- Read: no row means "never written"; a NULL payload means "cleared" (its version still counts).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM BrokerGrainState
WHERE GrainIdHash = @GrainIdHash::integer AND GrainTypeHash = @GrainTypeHash::integer
  AND GrainIdN0 = @GrainIdN0::bigint AND GrainIdN1 = @GrainIdN1::bigint
  AND ServiceId = @ServiceId::text AND GrainTypeString = @GrainTypeString::text
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::text;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Write: optimistic concurrency on Version, in one statement. A known version updates that exact row; a NULL version
-- inserts a first row only if none exists (a concurrent first write makes ON CONFLICT skip it). The one row returned
-- carries the new version; no row back tells the provider the write lost a race.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
WITH updated AS
(
    UPDATE BrokerGrainState
    SET PayloadBinary = @PayloadBinary::bytea, ModifiedOn = now(), Version = Version + 1
    WHERE @GrainStateVersion::integer IS NOT NULL AND Version = @GrainStateVersion::integer
      AND GrainIdHash = @GrainIdHash::integer AND GrainTypeHash = @GrainTypeHash::integer
      AND GrainIdN0 = @GrainIdN0::bigint AND GrainIdN1 = @GrainIdN1::bigint
      AND ServiceId = @ServiceId::text AND GrainTypeString = @GrainTypeString::text
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::text
    RETURNING Version
),
inserted AS
(
    INSERT INTO BrokerGrainState
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
         PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash::integer, @GrainIdN0::bigint, @GrainIdN1::bigint, @GrainTypeHash::integer, @GrainTypeString::text,
           @GrainIdExtensionString::text, @ServiceId::text, @PayloadBinary::bytea, now(), 1
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version
)
SELECT Version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT Version AS NewGrainStateVersion FROM inserted;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Clear: keep the row (so its version keeps counting) but drop the payload.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE BrokerGrainState
SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
WHERE @GrainStateVersion::integer IS NOT NULL AND Version = @GrainStateVersion::integer
  AND GrainIdHash = @GrainIdHash::integer AND GrainTypeHash = @GrainTypeHash::integer
  AND GrainIdN0 = @GrainIdN0::bigint AND GrainIdN1 = @GrainIdN1::bigint
  AND ServiceId = @ServiceId::text AND GrainTypeString = @GrainTypeString::text
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::text
RETURNING Version AS NewGrainStateVersion;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
