-- pgbench script for bench row P6: the statements behind GET /api/contacts?q=...&limit=50 (mirror.NameSearch, with
-- no account, as the bench's requests send none: a page of 50 plus one row, to know whether another page follows),
-- the pattern given as pgbench -D q='%text%'. Each step's rows are counted here rather than sent. As in the service:
-- the walk of 1,020 contacts; when it found fewer than a page but less than a fifth of one (at most 10), the matches
-- sorted out of the index (up to 5,100), in a transaction of its own for its plan settings; the plain query when
-- neither answered. Lines between "-- walk", "-- matches" or "-- plain" and "-- end" are what bench/lib.sh's
-- search_plan explains.
\set matched 0
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
\if :found <= 10
BEGIN;
SET LOCAL enable_seqscan = off;
SET LOCAL enable_indexscan = off;
SET LOCAL jit = off;
SELECT count(*) AS rows, coalesce(max(matched), 0) AS matched FROM (
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
\if :found < 51 AND (:found > 10 OR :matched >= 5100)
SELECT count(*) AS rows FROM (
-- plain
SELECT account, id, uuid, phone, email, display_name, first_name, last_name, opted_out, team_id, created, updated, rev,
       raw::text AS raw_text, CASE WHEN jsonb_typeof(raw -> 'updated') = 'string' THEN raw ->> 'updated' END AS raw_updated,
       synced_at, deleted_at
  FROM contact
 WHERE TRUE AND deleted_at IS NULL
   AND (display_name ILIKE :q ESCAPE '\' OR first_name ILIKE :q ESCAPE '\' OR last_name ILIKE :q ESCAPE '\')
 ORDER BY updated, account, id LIMIT 51
-- end
) page \gset
\endif
