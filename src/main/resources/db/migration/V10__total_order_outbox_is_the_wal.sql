-- total-order: the WAL is the outbox. An op accepted here waits to be published as long as its WAL row (mode
-- total-order, source CLIENT) has no row in total_order_ordered, which the origin's own consumer writes in the unit
-- that applies the op: no outbox row is inserted with the write nor deleted once it is ordered.
--
-- So that the relay need not look through the whole WAL after a restart, this row keeps a cursor: every total-order
-- CLIENT row at or below ordered_through is recorded in total_order_ordered (rows above it may be too). The consumer
-- moves it up in the units that record this replica's ops as ordered.
create table total_order_relay (
    id               tinyint primary key,
    ordered_through  bigint  not null,
    constraint total_order_relay_one_row check (id = 1),
    constraint total_order_relay_not_negative check (ordered_through >= 0)
);

-- Up to V9 an op left the outbox in the very transaction that recorded it as ordered: every total-order CLIENT row
-- below the oldest outbox row is ordered (and the rows still in the outbox are not in total_order_ordered, so they
-- are published after the upgrade).
insert into total_order_relay (id, ordered_through)
    values (1, coalesce((select min(lsn) - 1 from total_order_outbox), (select max(lsn) from wal_entry), 0));

drop table total_order_outbox;
