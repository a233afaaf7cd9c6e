-- The mirror: one row per upstream contact. Typed columns for queries, the upstream JSON as-is in raw.
-- Text columns are unbounded and phone/email are not unique: upstream data is not ours to constrain.
CREATE TABLE contact (
    id              bigint       PRIMARY KEY,
    uuid            text,
    phone           text,
    email           text,
    display_name    text,
    first_name      text,
    last_name       text,
    opted_out       boolean,
    team_id         bigint,
    created         timestamptz,
    updated         timestamptz  NOT NULL,
    rev             bigint,
    raw             jsonb        NOT NULL,
    synced_at       timestamptz  NOT NULL,
    -- last time a full scan saw this contact upstream; a scan's leftovers are deletion candidates
    seen_at         timestamptz  NOT NULL,
    deleted_at      timestamptz
);

CREATE INDEX contact_phone_idx ON contact (phone);
CREATE INDEX contact_email_idx ON contact (lower(email));
CREATE INDEX contact_uuid_idx ON contact (uuid);
CREATE INDEX contact_updated_idx ON contact (updated, id);
CREATE INDEX contact_deleted_at_idx ON contact (deleted_at) WHERE deleted_at IS NOT NULL;

-- Where the sync resumes from. One row; its size does not depend on the data.
CREATE TABLE sync_state (
    id                  smallint     PRIMARY KEY CHECK (id = 1),
    -- every contact updated at or before the watermark is in the mirror (as of the last checkpoint);
    -- a resumed walk asks from one tick below it, re-reading that one group
    watermark           timestamptz,
    -- the watermark exactly as upstream wrote it, so its precision is known
    watermark_text      text,
    -- order of POST /v1/contacts as detected from the data: ASC, DESC or null (not yet known)
    direction           text,
    -- a full scan in progress (reconciliation or full re-sync): when it started and how far it got
    scan_started_at     timestamptz,
    scan_cursor         timestamptz,
    scan_cursor_text    text,
    last_success_at     timestamptz,
    last_reconciled_at  timestamptz,
    upstream_count      bigint,
    mirror_count        bigint,
    counted_at          timestamptz,
    updated_at          timestamptz  NOT NULL DEFAULT now()
);
INSERT INTO sync_state (id) VALUES (1);

-- History: one row per run.
CREATE TABLE sync_run (
    id              bigserial    PRIMARY KEY,
    mode            text         NOT NULL,
    strategy        text         NOT NULL,
    trigger         text         NOT NULL,
    started_at      timestamptz  NOT NULL,
    ended_at        timestamptz,
    outcome         text         NOT NULL,
    pages           integer      NOT NULL DEFAULT 0,
    requests        integer      NOT NULL DEFAULT 0,
    retries         integer      NOT NULL DEFAULT 0,
    throttled       integer      NOT NULL DEFAULT 0,
    seen            integer      NOT NULL DEFAULT 0,
    inserted        integer      NOT NULL DEFAULT 0,
    updated         integer      NOT NULL DEFAULT 0,
    deleted         integer      NOT NULL DEFAULT 0,
    skipped         integer      NOT NULL DEFAULT 0,
    mirror_count    bigint,
    upstream_count  bigint,
    watermark       timestamptz,
    error           text
);
CREATE INDEX sync_run_started_at_idx ON sync_run (started_at);

-- ShedLock: one syncer across replicas.
CREATE TABLE shedlock (
    name        varchar(64)  NOT NULL PRIMARY KEY,
    lock_until  timestamp    NOT NULL,
    locked_at   timestamp    NOT NULL,
    locked_by   varchar(255) NOT NULL
);

-- Bucket4j: the upstream request budget, shared by every replica using the same key.
CREATE TABLE bucket (
    id          bigint       PRIMARY KEY,
    state       bytea,
    expires_at  bigint
);
