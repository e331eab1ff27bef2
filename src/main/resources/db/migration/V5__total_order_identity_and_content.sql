-- total-order: which log a position belongs to, and what each applied op id stood for.

-- The identity of the log the position was read from. Null until this replica first applies from the topic (and on
-- databases from before V5, until their next apply): a position only means something in the log it was read from.
alter table total_order_position add column topic_id varchar(64);
alter table total_order_position add column cluster_id varchar(64);

-- Per op id applied from the topic: the offset where it was applied and a fingerprint of the write (key and value).
-- A later record with the same op id is a duplicate when its fingerprint matches, a conflict (REJECTED) when not;
-- every replica decides from this table alone, which it fills in offset order, so every replica decides alike.
create table total_order_applied (
    op_id         uuid         primary key,
    kafka_offset  bigint       not null,
    fingerprint   varchar(64)  not null
);
