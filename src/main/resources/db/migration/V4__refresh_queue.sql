-- Webhook refreshes that could not run at once (the refresh share of the upstream budget was spent while a sync
-- ran, or Heymarket could not be asked): opt-outs are a compliance matter, so they wait here rather than being
-- dropped, one row per contact reference, worked off in id order. A row leaves only once its refresh succeeded.
CREATE TABLE refresh_queue (
    id              bigserial    PRIMARY KEY,
    -- how the webhook named the contact: PHONE, ID or UUID, and the value
    kind            text         NOT NULL,
    value           text         NOT NULL,
    enqueued_at     timestamptz  NOT NULL DEFAULT now(),
    -- deliveries folded into this row; a refresh that started before the last one does not complete it
    requests        integer      NOT NULL DEFAULT 1,
    attempts        integer      NOT NULL DEFAULT 0,
    -- a worker is refreshing it until then (a crashed worker's claim expires)
    claimed_until   timestamptz,
    UNIQUE (kind, value)
);
