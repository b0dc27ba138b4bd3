-- A sale can be cancelled by an admin: from the moment the processor applies the cancellation,
-- every request of the sale is rejected SALE_CANCELLED, whenever it was accepted.

-- The cancellation as the catalog defined it; set once, never cleared.
ALTER TABLE sales ADD COLUMN cancelled_at timestamptz;
-- When this copy took the cancellation in (the database clock, once the row lock was granted): no
-- order of the sale is confirmed after it, which the tests check from the orders' confirmed_at.
ALTER TABLE sales ADD COLUMN cancel_applied_at timestamptz;
ALTER TABLE sales ADD CHECK ((cancelled_at IS NULL) = (cancel_applied_at IS NULL));
