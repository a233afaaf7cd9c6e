-- Search by part of a name (the query API's q: ILIKE '%text%' on three columns) as an index scan instead of a
-- sequential scan of every contact. pg_trgm is a trusted extension (PostgreSQL 13+): a role with CREATE on the
-- database may install it. Where the role may not, an administrator runs the CREATE EXTENSION once.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX contact_names_trgm_idx ON contact
    USING gin (display_name gin_trgm_ops, first_name gin_trgm_ops, last_name gin_trgm_ops);

-- Opted-out contacts are the few a compliance export asks for, in (updated, id) order like every page.
CREATE INDEX contact_opted_out_idx ON contact (updated, id) WHERE opted_out;
