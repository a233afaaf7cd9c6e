-- What the freshness checks need to keep between runs, and what each run found.

-- The largest page each list endpoint has returned: a page smaller than that is certainly the end of the data,
-- a page as large may have been cut by upstream's cap (0: not known yet; the values only grow).
ALTER TABLE sync_state ADD COLUMN v1_page_max integer NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN v2_page_max integer NOT NULL DEFAULT 0;
-- A window (after, up_to] of updated whose contacts upstream holds and the mirror still misses after repair: checked
-- again on every run until it matches (failed_up_to NULL: none; failed_after NULL: from the beginning).
ALTER TABLE sync_state ADD COLUMN failed_after timestamptz;
ALTER TABLE sync_state ADD COLUMN failed_up_to timestamptz;

-- The freshness window a run checked, (window_after, window_up_to], and both sides' counts of it.
ALTER TABLE sync_run ADD COLUMN window_after timestamptz;
ALTER TABLE sync_run ADD COLUMN window_up_to timestamptz;
ALTER TABLE sync_run ADD COLUMN window_upstream bigint;
ALTER TABLE sync_run ADD COLUMN window_mirror bigint;
-- Contacts dated after the database's now plus the allowed clock skew: stored, flagged, never past the checkpoint.
ALTER TABLE sync_run ADD COLUMN future_dated integer NOT NULL DEFAULT 0;
