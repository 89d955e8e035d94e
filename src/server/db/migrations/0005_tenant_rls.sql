-- Row-level security on every tenant table: defence in depth behind the server's own
-- org_id filters. The server runs each request's queries inside one transaction as the
-- role fieldbook_tenant with `fieldbook.org_id` set (src/server/auth/tenant-scope.ts);
-- that role sees and writes only rows of that organisation, so a query that forgets its
-- org_id filter still cannot cross tenants. Superusers and table owners bypass RLS, which
-- is why the tenant role is a separate, unprivileged one. Later migrations that add a
-- tenant table call fieldbook_enable_tenant_rls('table') (a test checks every table with
-- an org_id column has it).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fieldbook_tenant') THEN
    CREATE ROLE fieldbook_tenant NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created by a concurrent migration
END $$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT fieldbook_tenant TO %I', current_user);
EXCEPTION WHEN others THEN NULL; -- a superuser may SET ROLE to it anyway
END $$;
--> statement-breakpoint
CREATE FUNCTION fieldbook_current_org() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('fieldbook.org_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE FUNCTION fieldbook_enable_tenant_rls(tbl regclass, key_column text DEFAULT 'org_id') RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (%I = fieldbook_current_org()) WITH CHECK (%I = fieldbook_current_org())', tbl, key_column, key_column);
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO fieldbook_tenant;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO fieldbook_tenant;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO fieldbook_tenant;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO fieldbook_tenant;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO fieldbook_tenant;
--> statement-breakpoint
SELECT fieldbook_enable_tenant_rls('orgs', 'id');
--> statement-breakpoint
SELECT fieldbook_enable_tenant_rls(t) FROM unnest(ARRAY[
  'sops', 'sop_versions', 'sop_drafts', 'sop_reviews', 'run_events', 'runs', 'step_executions',
  'devices', 'dead_letters', 'push_batches', 'photos', 'people', 'onboarding_tracks',
  'users', 'sessions', 'invites', 'audit_log'
]::regclass[]) AS t;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON server_meta FROM fieldbook_tenant;
