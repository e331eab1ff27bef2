-- The replica works as its own database user, REPLICA_APP, not as the owner (SA) who runs these migrations, so that
-- whatever runs SQL through the replica's connections cannot empty, rewrite or reshape the log. The user has its
-- rights through this role, which may read and append wal_entry and nothing more: no UPDATE, no DELETE (TRUNCATE
-- needs DELETE too, and bypasses the triggers), and, not owning the schema, no ALTER, DROP or CREATE.
-- The user itself (its password differs per data directory, so it has no place in a versioned script) and its rights
-- on every other table are (re)applied after every migration by the afterMigrate callback AppUserRights, so that the
-- tables of later migrations need nothing here.
create role if not exists replica_app_rights;
grant select, insert on wal_entry to replica_app_rights;
