-- total-order bookkeeping. wal_entry stays append-only: what changes as an op travels lives here.

-- Ops this replica accepted from clients and has not yet seen acknowledged by Kafka. The relay publishes them in
-- lsn (WAL) order and deletes each row once the broker acknowledged it (or once this replica consumed it).
create table total_order_outbox (
    lsn    bigint primary key,  -- the op's lsn in this replica's WAL
    op_id  uuid   not null,
    constraint total_order_outbox_op_id_unique unique (op_id)
);

-- Where this replica resumes consuming: the next offset to read. Written in the same transaction as the applies.
create table total_order_position (
    topic        varchar(249) primary key,
    next_offset  bigint       not null,
    constraint total_order_position_not_negative check (next_offset >= 0)
);

-- The offset at which each op accepted here was ordered (the first time it appeared in the topic).
create table total_order_ordered (
    op_id         uuid                     primary key,
    kafka_offset  bigint                   not null,
    ordered_at    timestamp with time zone not null
);
