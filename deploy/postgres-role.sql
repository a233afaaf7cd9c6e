-- Heymirror's own PostgreSQL role: it owns the database, its public schema and every object in that
-- schema, and is not a superuser. Run by an administrator, connected to Heymirror's database, with
-- heymirror.app_user and heymirror.app_password set for the session (postgres-setup.psql does that).
-- Idempotent: it runs before every start, and also adopts a database whose tables were created by
-- another role (a volume from before this setup, where Heymirror ran as the superuser).
-- REASSIGN OWNED cannot take objects from the bootstrap superuser, hence the loop.
DO $setup$
DECLARE
	app text := current_setting('heymirror.app_user');
	owned record;
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = app) THEN
		EXECUTE format('CREATE ROLE %I', app);
	END IF;
	EXECUTE format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L',
			app, current_setting('heymirror.app_password'));
	EXECUTE format('ALTER DATABASE %I OWNER TO %I', current_database(), app);
	EXECUTE format('ALTER SCHEMA public OWNER TO %I', app);
	FOR owned IN
		-- tables (with their indexes and owned sequences), views, free-standing sequences
		SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
				ELSE 'TABLE' END AS kind, c.oid::regclass::text AS name
		FROM pg_class c
		WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
			AND c.relowner <> app::regrole
			AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
				AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
		UNION ALL
		SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
			p.oid::regprocedure::text
		FROM pg_proc p
		WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> app::regrole
			AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
				AND d.deptype = 'e')
		UNION ALL
		-- enums, domains, ranges and free-standing composite types (not a table's row type, not arrays)
		SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype::text
		FROM pg_type t
		WHERE t.typnamespace = 'public'::regnamespace AND t.typowner <> app::regrole
			AND (t.typtype IN ('e', 'd', 'r')
				OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
			AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
				AND d.deptype = 'e')
	LOOP
		EXECUTE format('ALTER %s %s OWNER TO %I', owned.kind, owned.name, app);
	END LOOP;
END
$setup$;
