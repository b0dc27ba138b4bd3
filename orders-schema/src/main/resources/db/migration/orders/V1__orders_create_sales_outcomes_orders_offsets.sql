-- order-processor's schema: its copy of each sale with the live remaining stock, every request's
-- outcome, the confirmed orders, and the request-topic offsets applied so far.

CREATE TABLE sales (
    sale_id            uuid PRIMARY KEY,
    stock              integer       NOT NULL CHECK (stock > 0),
    -- Never oversell: no batch can commit that takes the stock below zero.
    remaining          integer       NOT NULL CHECK (remaining >= 0),
    price              numeric(12,2) NOT NULL,
    currency           char(3)       NOT NULL,
    starts_at          timestamptz   NOT NULL,
    ends_at            timestamptz   NOT NULL,
    definition_version bigint        NOT NULL,
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    CHECK (remaining <= stock)
);

CREATE TABLE purchase_outcomes (
    -- One outcome per request: a replayed or duplicated request inserts nothing.
    request_id       uuid        PRIMARY KEY,
    sale_id          uuid        NOT NULL REFERENCES sales (sale_id),
    user_id          uuid        NOT NULL,
    status           varchar(16) NOT NULL CHECK (status IN ('CONFIRMED', 'REJECTED')),
    reason           varchar(32),
    accepted_at      timestamptz NOT NULL,
    decided_at       timestamptz NOT NULL,
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL,
    -- Set once Kafka acknowledged the outcome; rows left false are re-published (an outbox in place).
    published        boolean     NOT NULL DEFAULT false,
    CHECK ((status = 'CONFIRMED') = (reason IS NULL))
);

CREATE INDEX purchase_outcomes_unpublished ON purchase_outcomes (decided_at) WHERE NOT published;
CREATE INDEX purchase_outcomes_by_user ON purchase_outcomes (user_id, decided_at DESC);

CREATE TABLE orders (
    request_id   uuid          PRIMARY KEY REFERENCES purchase_outcomes (request_id),
    sale_id      uuid          NOT NULL REFERENCES sales (sale_id),
    user_id      uuid          NOT NULL,
    -- The order keeps the price and currency it was sold at, whatever the sale becomes later.
    price        numeric(12,2) NOT NULL,
    currency     char(3)       NOT NULL,
    accepted_at  timestamptz   NOT NULL,
    confirmed_at timestamptz   NOT NULL,
    -- At most one unit per shopper per sale.
    UNIQUE (sale_id, user_id)
);

CREATE TABLE consumer_offsets (
    topic       varchar(249) NOT NULL,
    partition   integer      NOT NULL,
    -- The next offset to apply: stored in the same transaction as the batch it follows.
    next_offset bigint       NOT NULL CHECK (next_offset >= 0),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition)
);

CREATE TABLE dead_letters (
    topic       varchar(249) NOT NULL,
    partition   integer      NOT NULL,
    "offset"    bigint       NOT NULL,
    record_key  text,
    payload     text,
    error       text         NOT NULL,
    recorded_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition, "offset")
);
