-- reconcile: each key's live siblings, each key's causal context, and this replica's version vector.

-- The live siblings of each key: concurrent versions, each named by its dot (origin replica, counter).
create table reconcile_sibling (
    op_key      varchar(256)   not null,
    dot_replica varchar(64)    not null,
    dot_counter bigint         not null,
    op_id       uuid           not null,
    op_value    varchar(65536),                      -- null for a tombstone (a delete kept as a sibling)
    accepted_at timestamp with time zone not null,   -- when the origin accepted it (last-writer-wins order)
    origin      varchar(64)    not null,
    primary key (op_key, dot_replica, dot_counter)
);

-- Per key: the causal context (version vector) covering every version this replica has seen of the key, and the
-- latest accept time seen for it (a write accepted here is stamped after it, so that causally later writes are
-- also later for last-writer-wins, whatever the wall clocks say).
create table reconcile_key (
    op_key          varchar(256)  primary key,
    causal_context  varchar(4096) not null,
    max_accepted_at timestamp with time zone not null
);

-- This replica's version vector: per origin, the highest counter up to which it has applied every op.
create table reconcile_vector (
    replica varchar(64) primary key,
    counter bigint      not null,
    constraint reconcile_vector_positive check (counter >= 1)
);

-- Deltas are served from the WAL in per-origin counter order; a dot names one op only.
create unique index wal_entry_dot on wal_entry (dot_replica, dot_counter);
