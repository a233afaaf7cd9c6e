-- The change log: one entry per change the mirror makes to a contact, appended in the same transaction
-- as the change (see docs/changes.md). Entries are read in (txid, seq) order, and only below the oldest
-- transaction still in flight, so a transaction that commits late can never leave an entry behind a
-- position already handed out.

-- The contact's own change counter: the version of its newest change (survives log retention).
ALTER TABLE contact ADD COLUMN change_version bigint NOT NULL DEFAULT 1;

CREATE TABLE contact_change (
    -- order of appending; with CACHE 1 (the default) it grows in the order entries are written
    seq             bigint       GENERATED ALWAYS AS IDENTITY,
    -- the writing transaction (pg_current_xact_id), the first part of an entry's position
    txid            bigint       NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    account         text         NOT NULL DEFAULT 'default',
    contact_id      bigint       NOT NULL,
    -- the contact's change_version after this change
    version         bigint       NOT NULL,
    operation       text         NOT NULL CHECK (operation IN ('created', 'updated', 'deleted', 'restored')),
    -- top-level fields of the contact's JSON that changed, comma-separated (updates only)
    changed_fields  text,
    -- the contact's JSON after the change; for a deletion, the last known JSON
    data            jsonb        NOT NULL,
    -- the contact's updated column, which the JSON's own text may not denote exactly
    updated         timestamptz  NOT NULL,
    cause           text         NOT NULL
                    CHECK (cause IN ('walk', 'repair', 'reconcile', 'webhook', 'refresh', 'full-resync', 'baseline')),
    run_id          bigint,
    -- the transaction's timestamp
    changed_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (txid, seq)
);
-- a contact's entries by version: superseded entries, the newest entry of each contact
CREATE INDEX contact_change_contact_idx ON contact_change (account, contact_id, version);
-- entries of a run (runs are appended in order, so block ranges summarise them well)
CREATE INDEX contact_change_run_idx ON contact_change USING brin (run_id);

-- Each retention purge that removed entries a reader could have been served: the highest position it
-- removed. A cursor issued before a purge and positioned below what it removed has missed entries.
CREATE TABLE contact_change_purge (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purged_at   timestamptz  NOT NULL DEFAULT now(),
    txid        bigint       NOT NULL,
    seq         bigint       NOT NULL,
    removed     bigint       NOT NULL
);

-- Existing deployments: every live contact already mirrored, as created, so that replaying the log from
-- the beginning gives the mirror.
INSERT INTO contact_change (contact_id, version, operation, data, updated, cause)
SELECT id, change_version, 'created', raw, updated, 'baseline' FROM contact WHERE deleted_at IS NULL ORDER BY updated, id;
