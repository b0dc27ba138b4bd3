-- Outcome publication tracked per partition instead of per row: outcomes are published in offset
-- order after their batch commits, so "published up to offset N" says as much as a flag on every
-- row, and costs one column of the offsets row (updated in the next batch's transaction) instead
-- of a second write of every outcome row.

-- Every outcome of a request record at an offset below published_offset has reached the outcomes
-- topic (acknowledged). Between published_offset and next_offset: committed, maybe not published;
-- the consumer that is assigned the partition publishes that range again before it goes on.
ALTER TABLE consumer_offsets ADD COLUMN published_offset bigint NOT NULL DEFAULT 0
    CHECK (published_offset >= 0);

-- Carry over what the per-row flags said: published up to the first unpublished outcome.
UPDATE consumer_offsets c
   SET published_offset = COALESCE(
           (SELECT min(o.source_offset) FROM purchase_outcomes o
             WHERE NOT o.published AND o.source_partition = c.partition),
           c.next_offset)
 WHERE c.topic = 'flashsale.purchase-requests.v1';

DROP INDEX purchase_outcomes_unpublished;
ALTER TABLE purchase_outcomes DROP COLUMN published;

-- One outcome per request record, and the way to find a partition's outcomes by offset range.
CREATE UNIQUE INDEX purchase_outcomes_by_source ON purchase_outcomes (source_partition, source_offset);

-- Each outcome row checked its sale with a foreign-key lookup (a trigger per row): the batch that
-- inserts outcomes has already locked every sale it names (FOR UPDATE) and refuses to decide for a
-- sale it does not know, and sales are never deleted, so the check only cost time. Orders keep theirs.
ALTER TABLE purchase_outcomes DROP CONSTRAINT purchase_outcomes_sale_id_fkey;
