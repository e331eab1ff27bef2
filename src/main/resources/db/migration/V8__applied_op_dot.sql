-- reconcile: the dot an applied-log row is about (merged, found held already, or discarded by last-writer-wins).
-- A client that retries one op id on two replicas makes one write under two dots, and a replica applies both: the op
-- id alone cannot say which WAL row a row of the applied log merged, and time travel, which replays the applied log,
-- must merge each dot once, at its own row. Null for local and total-order (an op is its op id there) and for rows
-- written before this version (replayed by op id, as before).
alter table applied_op add column dot varchar(100);
