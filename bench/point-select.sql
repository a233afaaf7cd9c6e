-- pgbench script for bench row P4: the point select behind GET /api/contacts/{id} (mirror.ContactQueries.byId:
-- the columns of mirror.StoredContact, a live contact of the account by id), with ids drawn uniformly from 1..maxid
-- (pgbench -D maxid=N).
\set id random(1, :maxid)
SELECT id, uuid, phone, email, display_name, first_name, last_name, opted_out, team_id, created, updated, rev,
       raw::text AS raw_text, CASE WHEN jsonb_typeof(raw -> 'updated') = 'string' THEN raw ->> 'updated' END AS raw_updated,
       synced_at, deleted_at
  FROM contact WHERE account = 'default' AND id = :id AND deleted_at IS NULL;
