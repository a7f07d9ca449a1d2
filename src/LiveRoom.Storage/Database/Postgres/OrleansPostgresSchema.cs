namespace LiveRoom.Storage.Database.Postgres;

/// <summary>
/// What Orleans' ADO.NET membership (<c>Microsoft.Orleans.Clustering.AdoNet</c>) and reminder
/// (<c>Microsoft.Orleans.Reminders.AdoNet</c>) providers need in PostgreSQL. The packages carry no SQL: at start
/// they read every named query from a table called <c>OrleansQuery</c> (columns <c>QueryKey</c>, <c>QueryText</c>),
/// fail when one they know is missing, and then run only those texts, with named parameters
/// (<c>@DeploymentId</c>, <c>@Address</c>, ...) and reading result columns by name (<c>Version</c>,
/// <c>StartTime</c>, ...; PostgreSQL folds unquoted names, so each is given as a quoted alias). The tables are
/// the project's own; <see cref="OrleansPostgresMigrator"/> applies all of this.
/// </summary>
/// <remarks>
/// Times are <c>timestamptz</c>: the providers send UTC <see cref="DateTime"/> values and read them back as UTC.
/// Grain hashes are the providers' unsigned hashes as signed 32-bit integers; a reminder range that does not
/// wrap in that signed order is read with <c>ReadRangeRows1Key</c>, one that wraps with <c>ReadRangeRows2Key</c>.
/// The membership version is the table's etag: every insert or update of a silo's row takes the version the
/// caller read (<c>@Version</c>), and succeeds, moving it on by one, only if nobody moved it first.
/// </remarks>
public static class OrleansPostgresSchema
{
    /// <summary>The key every node takes (<c>pg_advisory_xact_lock</c>) while it applies the schema.</summary>
    public const long AdvisoryLockKey = 0x4C_52_4F_52_4C_45_41_4E; // "LRORLEAN"

    /// <summary>The tables, created when missing.</summary>
    public const string Tables = """
        CREATE TABLE IF NOT EXISTS OrleansQuery (
            QueryKey  varchar(64) NOT NULL PRIMARY KEY,
            QueryText text        NOT NULL
        );

        CREATE TABLE IF NOT EXISTS orleans_membership_version (
            deployment_id text        NOT NULL PRIMARY KEY,
            changed_at    timestamptz NOT NULL DEFAULT now(),
            version       integer     NOT NULL DEFAULT 0
        );

        CREATE TABLE IF NOT EXISTS orleans_membership (
            deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
            address         text        NOT NULL,
            port            integer     NOT NULL,
            generation      integer     NOT NULL,
            silo_name       text        NOT NULL,
            host_name       text        NOT NULL,
            status          integer     NOT NULL,
            proxy_port      integer     NULL,
            suspect_times   text        NULL,
            start_time      timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            PRIMARY KEY (deployment_id, address, port, generation)
        );

        CREATE TABLE IF NOT EXISTS orleans_reminders (
            service_id    text        NOT NULL,
            grain_id      text        NOT NULL,
            reminder_name text        NOT NULL,
            start_time    timestamptz NOT NULL,
            period        bigint      NOT NULL,
            grain_hash    integer     NOT NULL,
            version       integer     NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        );

        CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);
        """;

    // The columns a membership read returns: the table's version, then the silo's row (all null when the
    // deployment has no silo yet: the providers then see only the version).
    private const string MembershipColumns = """
        v.version         AS "Version",
        m.address         AS "Address",
        m.port            AS "Port",
        m.generation      AS "Generation",
        m.silo_name       AS "SiloName",
        m.host_name       AS "HostName",
        m.status          AS "Status",
        m.proxy_port      AS "ProxyPort",
        m.suspect_times   AS "SuspectTimes",
        m.start_time      AS "StartTime",
        m.i_am_alive_time AS "IAmAliveTime"
        """;

    private const string ReminderColumns = """
        grain_id      AS "GrainId",
        reminder_name AS "ReminderName",
        start_time    AS "StartTime",
        period        AS "Period",
        version       AS "Version"
        """;

    /// <summary>The named queries, by the key the providers look them up with.</summary>
    public static IReadOnlyDictionary<string, string> Queries { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // ---- Membership ----

        // Creates the deployment's version row; true when this call created it.
        ["InsertMembershipVersionKey"] = """
            WITH created AS (
                INSERT INTO orleans_membership_version (deployment_id)
                VALUES (@DeploymentId)
                ON CONFLICT (deployment_id) DO NOTHING
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM created);
            """,

        // Adds a silo if the table is still at @Version and the silo is not there yet; true when it was added.
        ["InsertMembershipKey"] = """
            WITH moved AS (
                UPDATE orleans_membership_version
                SET version = version + 1, changed_at = now()
                WHERE deployment_id = @DeploymentId
                  AND version = @Version
                  AND NOT EXISTS (
                      SELECT 1 FROM orleans_membership
                      WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
                RETURNING deployment_id
            ), added AS (
                INSERT INTO orleans_membership
                    (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
                SELECT moved.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
                FROM moved
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM added);
            """,

        // Changes a silo's status, suspicions and heartbeat if the table is still at @Version; true when it did.
        ["UpdateMembershipKey"] = """
            WITH moved AS (
                UPDATE orleans_membership_version
                SET version = version + 1, changed_at = now()
                WHERE deployment_id = @DeploymentId
                  AND version = @Version
                  AND EXISTS (
                      SELECT 1 FROM orleans_membership
                      WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
                RETURNING deployment_id
            ), changed AS (
                UPDATE orleans_membership AS m
                SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
                FROM moved
                WHERE m.deployment_id = moved.deployment_id
                  AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM changed);
            """,

        // A heartbeat: not a membership change, so the version stays.
        ["UpdateIAmAlivetimeKey"] = """
            UPDATE orleans_membership
            SET i_am_alive_time = @IAmAliveTime
            WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
            """,

        ["MembershipReadRowKey"] = $"""
            SELECT
            {MembershipColumns}
            FROM orleans_membership_version AS v
            LEFT JOIN orleans_membership AS m
                ON m.deployment_id = v.deployment_id
               AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
            WHERE v.deployment_id = @DeploymentId;
            """,

        ["MembershipReadAllKey"] = $"""
            SELECT
            {MembershipColumns}
            FROM orleans_membership_version AS v
            LEFT JOIN orleans_membership AS m ON m.deployment_id = v.deployment_id
            WHERE v.deployment_id = @DeploymentId;
            """,

        // The gateways clients may connect to: active silos with a gateway port.
        ["GatewaysQueryKey"] = """
            SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
            FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
            """,

        // The silos' rows go with the version row (ON DELETE CASCADE).
        ["DeleteMembershipTableEntriesKey"] = """
            DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
            """,

        // Forgets dead silos (status 6, SiloStatus.Dead) not heard from since @IAmAliveTime.
        ["CleanupDefunctSiloEntriesKey"] = """
            DELETE FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime;
            """,

        // Later provider versions decide which dead rows are old enough themselves and delete each one only while
        // it still holds the values they read; harmless for the current one, which does not ask for it.
        ["CleanupDefunctSiloEntryKey"] = """
            DELETE FROM orleans_membership
            WHERE deployment_id = @DeploymentId
              AND address = @Address AND port = @Port AND generation = @Generation
              AND status = 6
              AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
              AND suspect_times IS NOT DISTINCT FROM @SuspectTimes;
            """,

        // ---- Reminders ----

        // Adds or replaces a reminder; returns its new version (the reminder's etag).
        ["UpsertReminderRowKey"] = """
            INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
            SET start_time = EXCLUDED.start_time,
                period = EXCLUDED.period,
                grain_hash = EXCLUDED.grain_hash,
                version = orleans_reminders.version + 1
            RETURNING version AS "Version";
            """,

        ["ReadReminderRowsKey"] = $"""
            SELECT
            {ReminderColumns}
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_id = @GrainId;
            """,

        ["ReadReminderRowKey"] = $"""
            SELECT
            {ReminderColumns}
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
            """,

        // A range (@BeginHash, @EndHash] that does not wrap.
        ["ReadRangeRows1Key"] = $"""
            SELECT
            {ReminderColumns}
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
            """,

        // A range that wraps: above @BeginHash, or up to @EndHash.
        ["ReadRangeRows2Key"] = $"""
            SELECT
            {ReminderColumns}
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
            """,

        // Deletes a reminder if it is still at @Version; true when it did.
        ["DeleteReminderRowKey"] = """
            WITH deleted AS (
                DELETE FROM orleans_reminders
                WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM deleted);
            """,

        ["DeleteReminderRowsKey"] = """
            DELETE FROM orleans_reminders WHERE service_id = @ServiceId;
            """,
    };
}
