-- pgbench script for bench row P6: the statements behind GET /api/contacts?q=...&limit=50 (mirror.NameSearch, with
-- no account, as the bench's requests send none: a page of 50 plus one row, to know whether another page follows),
-- the pattern given as pgbench -D q='%text%'. Each step's rows are counted here rather than sent; the plain query is
-- left out: P6's searches never reach it. Lines between "-- walk" and "-- end", and "-- matches" and "-- end", are
-- what bench/lib.sh's search_plan explains. As in the service, the walk runs on its own and the second step in a
-- transaction of its own, for its plan settings.
SELECT count(*) AS found FROM (
-- walk
SELECT account, id, uuid, phone, email, display_name, first_name, last_name, opted_out, team_id, created, updated, rev,
       raw::text AS raw_text, CASE WHEN jsonb_typeof(raw -> 'updated') = 'string' THEN raw ->> 'updated' END AS raw_updated,
       synced_at, deleted_at
  FROM (SELECT * FROM contact WHERE TRUE AND deleted_at IS NULL ORDER BY updated, account, id LIMIT 1020) contact
 WHERE (display_name ILIKE :q ESCAPE '\' OR first_name ILIKE :q ESCAPE '\' OR last_name ILIKE :q ESCAPE '\')
 ORDER BY updated, account, id LIMIT 51
-- end
) page \gset
\if :found < 51
BEGIN;
SET LOCAL enable_seqscan = off;
SET LOCAL enable_indexscan = off;
SET LOCAL jit = off;
SELECT count(*) AS rows FROM (
-- matches
WITH matched AS MATERIALIZED (SELECT ctid AS m_ctid, account AS m_account, id AS m_id, updated AS m_updated FROM contact
      WHERE TRUE AND deleted_at IS NULL
        AND (display_name ILIKE :q ESCAPE '\' OR first_name ILIKE :q ESCAPE '\' OR last_name ILIKE :q ESCAPE '\')
      LIMIT 5100),
     first AS (SELECT * FROM matched ORDER BY m_updated, m_account, m_id LIMIT 51)
SELECT account, id, uuid, phone, email, display_name, first_name, last_name, opted_out, team_id, created, updated, rev,
       raw::text AS raw_text, CASE WHEN jsonb_typeof(raw -> 'updated') = 'string' THEN raw ->> 'updated' END AS raw_updated,
       synced_at, deleted_at, (SELECT count(*) FROM matched) AS matched
  FROM first JOIN contact ON contact.ctid = m_ctid ORDER BY m_updated, m_account, m_id
-- end
) page \gset
COMMIT;
\endif
