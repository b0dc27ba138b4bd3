-- A record PostgreSQL text refuses (a NUL byte, U+0000) must be dead-lettered too: a dead letter that
-- cannot be stored fails its batch, and a batch is retried until it applies, so the partition would
-- stall behind it. The key and payload are kept as the record's raw bytes (bytea), exactly as Kafka
-- held them; the error is our own text, with any NUL escaped.
ALTER TABLE dead_letters ALTER COLUMN record_key TYPE bytea USING convert_to(record_key, 'UTF8');
ALTER TABLE dead_letters ALTER COLUMN payload TYPE bytea USING convert_to(payload, 'UTF8');
