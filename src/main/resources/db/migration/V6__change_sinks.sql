-- Sinks that push the change feed (webhook subscribers, Kafka): one row per sink, created at its start position
-- the first time a replica sees it configured. The cursor moves only past what the sink acknowledged (see
-- docs/delivery.md).
CREATE TABLE change_sink (
    name              text         PRIMARY KEY CHECK (name ~ '^[a-z0-9-]+$'),
    kind              text         NOT NULL,
    -- the ChangeCursor: everything up to (cursor_txid, cursor_seq) was delivered, and the newest purge known
    cursor_txid       bigint       NOT NULL,
    cursor_seq        bigint       NOT NULL,
    cursor_purge      bigint       NOT NULL,
    state             text         NOT NULL DEFAULT 'active'
                      CHECK (state IN ('active', 'failing', 'disabled', 'expired')),
    -- bumped by every rewind, so that a delivery that read the old cursor cannot write over the new one
    rewinds           bigint       NOT NULL DEFAULT 0,
    -- the first failed attempt since the last one that delivered something
    failing_since     timestamptz,
    last_delivery_at  timestamptz,
    last_error        text,
    delivered         bigint       NOT NULL DEFAULT 0,
    failed            bigint       NOT NULL DEFAULT 0,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    updated_at        timestamptz  NOT NULL DEFAULT now()
);
