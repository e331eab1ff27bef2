-- The write-ahead log: one row per operation this replica recorded, in local order (lsn).
-- Append-only: the triggers below make the database itself refuse UPDATE and DELETE.
create table wal_entry (
    lsn            bigint generated always as identity primary key,
    op_id          uuid                      not null,
    mode           varchar(16)               not null,
    origin         varchar(64)               not null,  -- the replica that accepted the op from a client
    source         varchar(8)                not null,  -- CLIENT, KAFKA or PEER: how it reached this replica
    op_key         varchar(256)              not null,
    op_value       varchar(65536),                      -- null for a tombstone (delete)
    origin_lsn     bigint,                              -- the op's lsn in its origin's WAL; null when that is this row
    accepted_at    timestamp with time zone  not null,  -- when the origin accepted it
    recorded_at    timestamp with time zone  not null,  -- when this replica appended it
    kafka_offset   bigint,                              -- total-order: the offset it was consumed from
    dot_replica    varchar(64),                         -- reconcile: the dot (replica, counter) naming this version
    dot_counter    bigint,
    causal_context varchar(4096),                       -- reconcile: the version vector the write had seen
    constraint wal_entry_op_id_unique unique (op_id),
    constraint wal_entry_source_known check (source in ('CLIENT', 'KAFKA', 'PEER')),
    constraint wal_entry_dot_whole check ((dot_replica is null) = (dot_counter is null))
);
create index wal_entry_mode_lsn on wal_entry (mode, lsn);

create trigger wal_entry_no_update before update on wal_entry for each row
    call 'io.replicationlab.wal.AppendOnlyTrigger';
create trigger wal_entry_no_delete before delete on wal_entry for each row
    call 'io.replicationlab.wal.AppendOnlyTrigger';

-- Materialized state of the modes with one value per key (local, total-order).
create table kv_state (
    mode       varchar(16)   not null,
    op_key     varchar(256)  not null,
    op_value   varchar(65536) not null,
    op_id      uuid          not null,  -- the op that wrote this value
    primary key (mode, op_key)
);

-- The order in which this replica applied operations to a mode's state, with the outcome of each.
create table applied_op (
    mode       varchar(16)  not null,
    position   bigint       not null,  -- 1, 2, 3... per mode: the apply order
    op_id      uuid         not null,
    origin     varchar(64)  not null,
    op_key     varchar(256) not null,
    outcome    varchar(16)  not null,  -- APPLIED, DUPLICATE, SIBLING, SUPERSEDED, DISCARDED, REJECTED
    detail     varchar(512),
    applied_at timestamp with time zone not null,
    primary key (mode, position)
);
create index applied_op_op_id on applied_op (op_id, mode);
