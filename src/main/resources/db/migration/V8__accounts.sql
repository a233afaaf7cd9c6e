-- Several Heymarket accounts in one deployment: every row that belongs to an account names it, and a contact is
-- identified by (account, id) (the same Heymarket id under two accounts is two contacts). Everything that exists
-- belongs to the account "default", the one heymirror.heymarket.* configures. The move appends nothing to the change
-- log: its entries already carry the account. New rows must name their account: no column keeps a default.

ALTER TABLE contact ADD COLUMN account text NOT NULL DEFAULT 'default';
ALTER TABLE contact ALTER COLUMN account DROP DEFAULT;
ALTER TABLE contact DROP CONSTRAINT contact_pkey;
ALTER TABLE contact ADD PRIMARY KEY (account, id);
-- the sync reads one account's contacts by updated; the query API pages every account by (updated, account, id)
DROP INDEX contact_updated_idx;
CREATE INDEX contact_account_updated_idx ON contact (account, updated, id);
CREATE INDEX contact_updated_idx ON contact (updated, account, id);
DROP INDEX contact_opted_out_idx;
CREATE INDEX contact_opted_out_idx ON contact (updated, account, id) WHERE opted_out;

ALTER TABLE contact_change ALTER COLUMN account DROP DEFAULT;

-- One row per account, created by the account's first run.
ALTER TABLE sync_state ADD COLUMN account text NOT NULL DEFAULT 'default';
ALTER TABLE sync_state ALTER COLUMN account DROP DEFAULT;
ALTER TABLE sync_state DROP COLUMN id;
ALTER TABLE sync_state ADD PRIMARY KEY (account);

ALTER TABLE sync_run ADD COLUMN account text NOT NULL DEFAULT 'default';
ALTER TABLE sync_run ALTER COLUMN account DROP DEFAULT;
CREATE INDEX sync_run_account_started_at_idx ON sync_run (account, started_at);

ALTER TABLE refresh_queue ADD COLUMN account text NOT NULL DEFAULT 'default';
ALTER TABLE refresh_queue ALTER COLUMN account DROP DEFAULT;
ALTER TABLE refresh_queue DROP CONSTRAINT refresh_queue_kind_value_key;
ALTER TABLE refresh_queue ADD UNIQUE (account, kind, value);
