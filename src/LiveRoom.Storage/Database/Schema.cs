namespace LiveRoom.Storage.Database;

/// <summary>The schema, as an ordered list of migrations. Never edit a released migration: add one.</summary>
internal static class Schema
{
    public sealed record Migration(int Version, string Sql);

    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, """
            CREATE TABLE grain_state (
                grain_type TEXT NOT NULL,
                grain_id   TEXT NOT NULL,
                etag       TEXT NOT NULL,
                payload    BLOB NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (grain_type, grain_id)
            );

            CREATE TABLE staff_users (
                id            TEXT NOT NULL PRIMARY KEY,
                email         TEXT NOT NULL UNIQUE,
                display_name  TEXT NOT NULL,
                role          TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at    TEXT NOT NULL
            );

            CREATE TABLE rooms (
                id              TEXT NOT NULL PRIMARY KEY,
                title           TEXT NOT NULL,
                description     TEXT NULL,
                status          TEXT NOT NULL,
                created_by      TEXT NOT NULL,
                created_at      TEXT NOT NULL,
                scheduled_start TEXT NULL,
                ended_at        TEXT NULL
            );

            CREATE TABLE chat_messages (
                room_id      TEXT    NOT NULL,
                seq          INTEGER NOT NULL,
                sender_id    TEXT    NOT NULL,
                sender_name  TEXT    NOT NULL,
                sender_role  TEXT    NOT NULL,
                text         TEXT    NOT NULL,
                sent_at      TEXT    NOT NULL,
                deleted      INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (room_id, seq)
            );

            CREATE TABLE questions (
                room_id          TEXT    NOT NULL,
                seq              INTEGER NOT NULL,
                asked_by_id      TEXT    NOT NULL,
                asked_by_name    TEXT    NOT NULL,
                text             TEXT    NOT NULL,
                votes            INTEGER NOT NULL DEFAULT 0,
                status           TEXT    NOT NULL,
                pinned           INTEGER NOT NULL DEFAULT 0,
                answer           TEXT    NULL,
                answered_by_id   TEXT    NULL,
                answered_by_name TEXT    NULL,
                answered_by_role TEXT    NULL,
                asked_at         TEXT    NOT NULL,
                PRIMARY KEY (room_id, seq)
            );

            CREATE TABLE question_votes (
                room_id     TEXT    NOT NULL,
                question_seq INTEGER NOT NULL,
                voter_id    TEXT    NOT NULL,
                voted_at    TEXT    NOT NULL,
                PRIMARY KEY (room_id, question_seq, voter_id)
            );
            """),
        new(2, """
            CREATE TABLE job_outbox (
                id         TEXT    NOT NULL PRIMARY KEY,
                kind       TEXT    NOT NULL,
                subject    TEXT    NOT NULL,
                status     TEXT    NOT NULL,
                attempts   INTEGER NOT NULL DEFAULT 0,
                progress   REAL    NOT NULL DEFAULT 0,
                last_error TEXT    NULL,
                created_at TEXT    NOT NULL,
                updated_at TEXT    NOT NULL,
                UNIQUE (kind, subject)
            );
            """),
        // Sessions that can be revoked: every staff token and cookie carries the account's security stamp,
        // which changes on sign-out, password change, disabling and deletion. Existing accounts get a
        // stamp no issued token carries, so tokens from before this migration stop working.
        new(3, """
            ALTER TABLE staff_users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
            ALTER TABLE staff_users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
            UPDATE staff_users SET security_stamp = lower(hex(randomblob(16)));
            """),
        // The history of private calls: one row per call, one per participant (so a viewer's and an agent's
        // calls are found the same way).
        new(4, """
            CREATE TABLE calls (
                id             TEXT    NOT NULL PRIMARY KEY,
                room_id        TEXT    NOT NULL,
                ticket_id      TEXT    NOT NULL,
                topic          TEXT    NULL,
                requested_at   TEXT    NOT NULL,
                started_at     TEXT    NOT NULL,
                ended_at       TEXT    NULL,
                outcome        TEXT    NULL,
                rating         INTEGER NULL,
                rating_comment TEXT    NULL,
                note           TEXT    NULL
            );

            CREATE INDEX calls_by_room ON calls (room_id, started_at);

            CREATE TABLE call_participants (
                call_id      TEXT    NOT NULL,
                person_id    TEXT    NOT NULL,
                display_name TEXT    NOT NULL,
                role         TEXT    NOT NULL,
                position     INTEGER NOT NULL,
                PRIMARY KEY (call_id, person_id)
            );

            CREATE INDEX call_participants_by_person ON call_participants (person_id);

            CREATE TABLE call_consents (
                call_id        TEXT    NOT NULL,
                seq            INTEGER NOT NULL,
                participant_id TEXT    NOT NULL,
                agreed         INTEGER NOT NULL,
                text           TEXT    NOT NULL,
                answered_at    TEXT    NOT NULL,
                PRIMARY KEY (call_id, seq)
            );
            """),
        // Recordings of calls: each chunk the recording agent uploads (its bytes are in the media store), so
        // retries are recognised and gaps found; and on the call, the MP4 made from them once it ended.
        new(5, """
            CREATE TABLE call_recording_chunks (
                call_id     TEXT    NOT NULL,
                take        INTEGER NOT NULL,
                seq         INTEGER NOT NULL,
                sha256      TEXT    NOT NULL,
                size        INTEGER NOT NULL,
                PRIMARY KEY (call_id, take, seq)
            );

            ALTER TABLE calls ADD COLUMN recording_status   TEXT NULL;
            ALTER TABLE calls ADD COLUMN recording_progress REAL NULL;
            ALTER TABLE calls ADD COLUMN recording_url      TEXT NULL;
            ALTER TABLE calls ADD COLUMN recording_duration REAL NULL;
            ALTER TABLE calls ADD COLUMN recording_missing  TEXT NULL;
            """),
        // What participants write and share in a call. A file's bytes are in the media store under a private
        // key made from the call and file ids; here are its description and who shared it.
        new(6, """
            CREATE TABLE call_messages (
                id           TEXT    NOT NULL PRIMARY KEY,
                call_id      TEXT    NOT NULL,
                seq          INTEGER NOT NULL,
                sender_id    TEXT    NOT NULL,
                sender_name  TEXT    NOT NULL,
                sender_role  TEXT    NOT NULL,
                text         TEXT    NOT NULL,
                sent_at      TEXT    NOT NULL,
                UNIQUE (call_id, seq)
            );

            CREATE TABLE call_files (
                id            TEXT    NOT NULL PRIMARY KEY,
                call_id       TEXT    NOT NULL,
                seq           INTEGER NOT NULL,
                kind          TEXT    NOT NULL,
                name          TEXT    NOT NULL,
                content_type  TEXT    NOT NULL,
                size          INTEGER NOT NULL,
                uploader_id   TEXT    NOT NULL,
                uploader_name TEXT    NOT NULL,
                uploader_role TEXT    NOT NULL,
                uploaded_at   TEXT    NOT NULL,
                UNIQUE (call_id, seq)
            );
            """),
        // Call-backs: viewers who could not be taken aside leave their details.
        new(7, """
            CREATE TABLE call_backs (
                id             TEXT NOT NULL PRIMARY KEY,
                room_id        TEXT NOT NULL,
                viewer_id      TEXT NOT NULL,
                name           TEXT NOT NULL,
                phone          TEXT NULL,
                email          TEXT NULL,
                preferred_time TEXT NULL,
                topic          TEXT NULL,
                status         TEXT NOT NULL,
                created_at     TEXT NOT NULL,
                done_at        TEXT NULL,
                done_by        TEXT NULL,
                note           TEXT NULL
            );

            CREATE INDEX call_backs_by_room ON call_backs (room_id, status, created_at);
            """),
        // Lead capture: each room's form (its consent text versioned) and one lead per viewer and room.
        new(8, """
            CREATE TABLE lead_forms (
                room_id         TEXT    NOT NULL PRIMARY KEY,
                form            TEXT    NOT NULL,
                consent_version INTEGER NOT NULL,
                updated_at      TEXT    NOT NULL
            );

            CREATE TABLE leads (
                id                   TEXT    NOT NULL PRIMARY KEY,
                room_id              TEXT    NOT NULL,
                viewer_id            TEXT    NOT NULL,
                name                 TEXT    NULL,
                phone                TEXT    NULL,
                email                TEXT    NULL,
                company              TEXT    NULL,
                note                 TEXT    NULL,
                consent_version      INTEGER NOT NULL,
                consent_locale       TEXT    NOT NULL,
                consent_text         TEXT    NOT NULL,
                consented_at         TEXT    NOT NULL,
                marketing_version    INTEGER NULL,
                marketing_locale     TEXT    NULL,
                marketing_text       TEXT    NULL,
                marketing_at         TEXT    NULL,
                source               TEXT    NOT NULL,
                created_at           TEXT    NOT NULL,
                updated_at           TEXT    NOT NULL,
                contacted_at         TEXT    NULL,
                contacted_by         TEXT    NULL,
                UNIQUE (room_id, viewer_id)
            );

            CREATE INDEX leads_by_room ON leads (room_id, updated_at);
            """),
        // Outgoing webhooks to a CRM: the endpoints (with the secrets deliveries are signed with, kept so the
        // server can sign), which event types each takes, each event's exact body, and one delivery per event
        // and endpoint that the background sender works through, retrying on a schedule.
        new(9, """
            CREATE TABLE webhook_endpoints (
                id                        TEXT    NOT NULL PRIMARY KEY,
                url                       TEXT    NOT NULL,
                enabled                   INTEGER NOT NULL DEFAULT 1,
                disabled_reason           TEXT    NULL,
                secret                    TEXT    NOT NULL,
                previous_secret           TEXT    NULL,
                previous_secret_expires   TEXT    NULL,
                created_at                TEXT    NOT NULL,
                last_success_at           TEXT    NULL,
                last_failure_at           TEXT    NULL,
                last_failure              TEXT    NULL,
                consecutive_failures      INTEGER NOT NULL DEFAULT 0
            );

            CREATE TABLE webhook_subscriptions (
                endpoint_id TEXT NOT NULL,
                event_type  TEXT NOT NULL,
                PRIMARY KEY (endpoint_id, event_type)
            );

            CREATE INDEX webhook_subscriptions_by_type ON webhook_subscriptions (event_type);

            CREATE TABLE webhook_events (
                id         TEXT NOT NULL PRIMARY KEY,
                type       TEXT NOT NULL,
                body       TEXT NOT NULL,
                created_at TEXT NOT NULL
            );

            CREATE TABLE webhook_deliveries (
                id               TEXT    NOT NULL PRIMARY KEY,
                event_id         TEXT    NOT NULL,
                endpoint_id      TEXT    NOT NULL,
                status           TEXT    NOT NULL,
                attempts         INTEGER NOT NULL DEFAULT 0,
                created_at       TEXT    NOT NULL,
                next_attempt_at  TEXT    NULL,
                last_attempt_at  TEXT    NULL,
                last_status_code INTEGER NULL,
                last_error       TEXT    NULL,
                last_duration_ms INTEGER NULL,
                UNIQUE (event_id, endpoint_id)
            );

            CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
            CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at);
            CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries (created_at);
            """),
        // Engagement: what each viewer did in a room, written in batches; the funnel and lead scores read it.
        new(10, """
            CREATE TABLE engagement_events (
                room_id   TEXT    NOT NULL,
                viewer_id TEXT    NOT NULL,
                kind      TEXT    NOT NULL,
                subject   TEXT    NULL,
                amount    INTEGER NOT NULL,
                at        TEXT    NOT NULL
            );

            CREATE INDEX engagement_by_room_kind ON engagement_events (room_id, kind, viewer_id);
            CREATE INDEX engagement_by_room_viewer ON engagement_events (room_id, viewer_id);
            """),
        // Private channels: where each room sends viewers who want to keep in touch, and each viewer's counting links.
        new(13, """
            CREATE TABLE room_channels (
                room_id    TEXT NOT NULL PRIMARY KEY,
                channel    TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );

            CREATE TABLE channel_links (
                code      TEXT NOT NULL PRIMARY KEY,
                room_id   TEXT NOT NULL,
                viewer_id TEXT NOT NULL,
                source    TEXT NOT NULL,
                UNIQUE (room_id, viewer_id, source)
            );
            """),
        // The funnel's aggregates, kept by the engagement batch writer in the transaction that writes the events:
        // one row per viewer and room (their counts; lead scores and the funnel's steps read it) and one per room
        // and minute (viewers watching in that minute and what was done; the timeline and the peak read it).
        // Events written before this migration are added up once here.
        new(14, """
            CREATE TABLE viewer_engagement (
                room_id         TEXT    NOT NULL,
                viewer_id       TEXT    NOT NULL,
                first_at        TEXT    NOT NULL,
                last_at         TEXT    NOT NULL,
                joins           INTEGER NOT NULL DEFAULT 0,
                watch_seconds   INTEGER NOT NULL DEFAULT 0,
                chats           INTEGER NOT NULL DEFAULT 0,
                questions       INTEGER NOT NULL DEFAULT 0,
                upvotes         INTEGER NOT NULL DEFAULT 0,
                card_clicks     INTEGER NOT NULL DEFAULT 0,
                channel_visits  INTEGER NOT NULL DEFAULT 0,
                qr_scans        INTEGER NOT NULL DEFAULT 0,
                call_requests   INTEGER NOT NULL DEFAULT 0,
                calls_accepted  INTEGER NOT NULL DEFAULT 0,
                calls_completed INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (room_id, viewer_id)
            );

            CREATE INDEX viewer_engagement_by_first ON viewer_engagement (first_at);

            CREATE TABLE room_minutes (
                room_id        TEXT    NOT NULL,
                minute         TEXT    NOT NULL,
                viewers        INTEGER NOT NULL DEFAULT 0,
                watch_seconds  INTEGER NOT NULL DEFAULT 0,
                joins          INTEGER NOT NULL DEFAULT 0,
                chats          INTEGER NOT NULL DEFAULT 0,
                questions      INTEGER NOT NULL DEFAULT 0,
                upvotes        INTEGER NOT NULL DEFAULT 0,
                card_clicks    INTEGER NOT NULL DEFAULT 0,
                channel_visits INTEGER NOT NULL DEFAULT 0,
                call_requests  INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (room_id, minute)
            );

            CREATE INDEX room_minutes_by_minute ON room_minutes (minute);

            INSERT INTO viewer_engagement (room_id, viewer_id, first_at, last_at, joins, watch_seconds, chats, questions,
                upvotes, card_clicks, channel_visits, qr_scans, call_requests, calls_accepted, calls_completed)
            SELECT room_id, viewer_id, MIN(at), MAX(at),
                SUM(CASE WHEN kind = 'join' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'watch' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'chat' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'question' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'upvote' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'cardClick' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'channelVisit' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'channelVisit' AND subject = 'qr' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'callRequested' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'callAccepted' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'callCompleted' THEN amount ELSE 0 END)
            FROM engagement_events
            GROUP BY room_id, viewer_id;

            INSERT INTO room_minutes (room_id, minute, viewers, watch_seconds, joins, chats, questions, upvotes,
                card_clicks, channel_visits, call_requests)
            SELECT room_id, substr(at, 1, 16) || ':00.0000000+00:00',
                COUNT(DISTINCT CASE WHEN kind = 'watch' THEN viewer_id END),
                SUM(CASE WHEN kind = 'watch' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'join' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'chat' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'question' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'upvote' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'cardClick' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'channelVisit' THEN amount ELSE 0 END),
                SUM(CASE WHEN kind = 'callRequested' THEN amount ELSE 0 END)
            FROM engagement_events
            GROUP BY room_id, substr(at, 1, 16);
            """),
        // Product cards: each room's product list (the images are in the media store, under the key kept here).
        new(15, """
            CREATE TABLE products (
                id          TEXT    NOT NULL PRIMARY KEY,
                room_id     TEXT    NOT NULL,
                title       TEXT    NOT NULL,
                price       TEXT    NOT NULL,
                link        TEXT    NOT NULL,
                coupon_code TEXT    NULL,
                image_key   TEXT    NULL,
                created_at  TEXT    NOT NULL,
                updated_at  TEXT    NOT NULL
            );

            CREATE INDEX products_by_room ON products (room_id, created_at);
            """),
    ];
}
