-- The catalog: who may sign in, what is sold, and when it is on flash sale.

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    -- One account per name: registration races end here, not in application code.
    username      varchar(32)  NOT NULL UNIQUE,
    password_hash varchar(100) NOT NULL,
    role          varchar(16)  NOT NULL CHECK (role IN ('USER', 'ADMIN')),
    created_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE products (
    id          uuid PRIMARY KEY,
    name        varchar(200)  NOT NULL,
    description text          NOT NULL DEFAULT '',
    list_price  numeric(12,2) NOT NULL CHECK (list_price >= 0),
    currency    char(3)       NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now()
);

CREATE TABLE flash_sales (
    id                uuid PRIMARY KEY,
    product_id        uuid          NOT NULL REFERENCES products (id),
    sale_price        numeric(12,2) NOT NULL CHECK (sale_price >= 0),
    currency          char(3)       NOT NULL,
    stock             integer       NOT NULL CHECK (stock > 0),
    starts_at         timestamptz   NOT NULL,
    ends_at           timestamptz   NOT NULL,
    -- Bumped on every change; consumers of the sales topic keep the highest version they saw.
    version           bigint        NOT NULL DEFAULT 1,
    -- The version last acknowledged by Kafka: rows where it lags are re-published (an outbox in place).
    published_version bigint        NOT NULL DEFAULT 0,
    created_at        timestamptz   NOT NULL DEFAULT now(),
    updated_at        timestamptz   NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);

CREATE INDEX flash_sales_unpublished ON flash_sales (id) WHERE published_version < version;
CREATE INDEX flash_sales_by_start ON flash_sales (starts_at);
