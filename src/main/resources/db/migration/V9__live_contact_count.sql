-- How many live contacts each account has, kept by triggers in every transaction that writes contact, so that a
-- sync run's totals check reads a sum instead of counting millions of rows. Each writing statement that changes the
-- number appends its difference; readers sum an account's rows, and the sync folds them into one row after its
-- runs. Appending rather than updating one row per account means concurrent writers never wait for each other here.
CREATE TABLE live_contact_count (
    account text   NOT NULL,
    delta   bigint NOT NULL
);
CREATE INDEX live_contact_count_account_idx ON live_contact_count (account);

-- no writer may change contact between this count and the triggers
LOCK TABLE contact IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO live_contact_count (account, delta)
SELECT account, count(*) FROM contact WHERE deleted_at IS NULL GROUP BY account;

-- inserts: once per statement, over the rows it inserted (COPY included)
CREATE FUNCTION live_contact_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO live_contact_count (account, delta)
    SELECT account, count(*) FROM inserted WHERE deleted_at IS NULL GROUP BY account;
    RETURN NULL;
END $$;
CREATE TRIGGER live_contact_count_insert AFTER INSERT ON contact
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION live_contact_count_inserted();

-- updates and deletes: only rows that become, or stop being, live contacts of an account fire it
CREATE FUNCTION live_contact_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
        INSERT INTO live_contact_count (account, delta) VALUES (OLD.account, -1);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.deleted_at IS NULL THEN
        INSERT INTO live_contact_count (account, delta) VALUES (NEW.account, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER live_contact_count_update AFTER UPDATE ON contact FOR EACH ROW
    WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) OR OLD.account <> NEW.account)
    EXECUTE FUNCTION live_contact_count_changed();
CREATE TRIGGER live_contact_count_delete AFTER DELETE ON contact FOR EACH ROW
    WHEN (OLD.deleted_at IS NULL)
    EXECUTE FUNCTION live_contact_count_changed();

CREATE FUNCTION live_contact_count_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM live_contact_count;
    RETURN NULL;
END $$;
CREATE TRIGGER live_contact_count_truncate AFTER TRUNCATE ON contact
    FOR EACH STATEMENT EXECUTE FUNCTION live_contact_count_truncated();
