-- What names a write, per mode (DESIGN.md "Identity").
--
-- local and total-order: an op is its op id, so an op id appears at most once among their rows (a client's retry is
-- found and answered with the first receipt; the other engineers' total-order rules build on this).
-- reconcile: an op *is* its dot. A client that retries one op id on two replicas (say while they are partitioned)
-- makes one logical write under two dots; every replica must be able to hold both rows, or the batches carrying the
-- second dot are refused for ever and replication stops. So the op id is unique together with the dot: NULLS NOT
-- DISTINCT makes (op_id, null, null) unique among the dot-less rows of local and total-order, while a reconcile row is
-- unique by its dot (wal_entry_dot) and may share its op id with the other dots of the same logical write.
alter table wal_entry drop constraint wal_entry_op_id_unique;
alter table wal_entry add constraint wal_entry_op_id_per_dot unique nulls not distinct (op_id, dot_replica, dot_counter);

-- The incarnation of this data directory: drawn once, when the database is created (or upgraded to this version), and
-- lost with it. A reconcile dot names the incarnation that issued it, r1~3f9a0c2e:7, so a replica restarted on an empty
-- data directory counts its dots from 1 under a new name and can never reuse a dot its earlier life issued, whatever
-- its peers hold of them. 32 random bits: two incarnations of one replica collide with odds of 1 in 4 billion.
create table reconcile_incarnation (
    id          varchar(8)               primary key,
    created_at  timestamp with time zone not null
);
insert into reconcile_incarnation (id, created_at)
    values (substring(replace(cast(random_uuid() as varchar), '-', ''), 1, 8), current_timestamp);

-- A dot's replica part is now the replica id (up to 64 characters), '~' and the incarnation (8).
alter table wal_entry alter column dot_replica set data type varchar(80);
alter table reconcile_sibling alter column dot_replica set data type varchar(80);
alter table reconcile_vector alter column replica set data type varchar(80);
