-- The read contract of the orders schema: the only relations another service (edge-api) may read,
-- for polls and purchase history. The tables behind it stay order-processor's to change.
-- Versioned by name (docs/adr/0008): a view keeps its columns' names, types and meaning for as long
-- as it exists; a column may be appended; any other change is a new view (_v2) beside it, and the
-- old one is dropped only once no deployed reader uses it.

-- One row per decided request; a confirmed one carries the price and currency its order was sold at
-- (the order's, never the sale's current price), a rejected one its reason and no price.
CREATE VIEW purchase_history_v1 AS
SELECT o.request_id,
       o.sale_id,
       o.user_id,
       o.status::text     AS status,
       o.reason::text     AS reason,
       d.price            AS price_paid,
       d.currency::text   AS currency,
       o.accepted_at,
       o.decided_at
  FROM purchase_outcomes o
  LEFT JOIN orders d ON d.request_id = o.request_id;

-- The contract as a grant: a reader's login role is made a member of orders_reader, which can read
-- the views of the contract and no table, so a query past the contract fails instead of coupling.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orders_reader') THEN
        CREATE ROLE orders_reader NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA orders TO orders_reader;
GRANT SELECT ON purchase_history_v1 TO orders_reader;
