-- The trace an op was written in here (the client's request, or the record that brought it from Kafka), so that
-- /api/replica/ops/{opId} names it, and the dashboard links to it, after a restart too. Set by the insert, like
-- every column of this append-only table; null where no trace was recorded (tracing off, rows of older versions,
-- ops pulled from peers).
alter table wal_entry add column trace_id varchar(32);
-- whether that trace was sampled, i.e. exported: only then is there a trace to link to
alter table wal_entry add column trace_sampled boolean;
