-- pgbench script for bench row P6: the query behind GET /api/contacts?q=...&limit=50 (mirror.ContactQueries.page
-- with ContactFilter's q and no account, as the bench's requests send none: a page of 50 plus one row, to know whether another page follows), the pattern given
-- as pgbench -D q='%text%'.
SELECT id, uuid, phone, email, display_name, first_name, last_name, opted_out, team_id, created, updated, rev,
       raw::text AS raw_text, CASE WHEN jsonb_typeof(raw -> 'updated') = 'string' THEN raw ->> 'updated' END AS raw_updated,
       synced_at, deleted_at
  FROM contact
 WHERE TRUE AND deleted_at IS NULL
   AND (display_name ILIKE :q ESCAPE '\' OR first_name ILIKE :q ESCAPE '\' OR last_name ILIKE :q ESCAPE '\')
 ORDER BY updated, account, id LIMIT 51;
