-- purchase_history_v1 gains order_id, appended as the read contract allows (docs/adr/0008): the id of the
-- order a confirmed request made (its key, orders.request_id), null for a rejected one. The web UI shows
-- it as the shopper's order number. Every earlier column keeps its name, type and place.
CREATE OR REPLACE VIEW purchase_history_v1 AS
SELECT o.request_id,
       o.sale_id,
       o.user_id,
       o.status::text     AS status,
       o.reason::text     AS reason,
       d.price            AS price_paid,
       d.currency::text   AS currency,
       o.accepted_at,
       o.decided_at,
       d.request_id       AS order_id
  FROM purchase_outcomes o
  LEFT JOIN orders d ON d.request_id = o.request_id;
