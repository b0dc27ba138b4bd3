-- Products get an optional image and a soft delete; sales get a cancellation and the units sold
-- as order-processor last reported them (ADR 0010).

-- A path under the edge's static /images/ folder, never a URL: the shop serves its own images.
ALTER TABLE products ADD COLUMN image_path varchar(300)
    CHECK (image_path ~ '^/images/[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(png|jpg|jpeg|webp|svg)$');
-- A deleted product leaves the catalogue but stays behind the sales (and orders) that name it.
ALTER TABLE products ADD COLUMN deleted_at timestamptz;
-- A product is never given away: new and changed rows need a list price above zero.
ALTER TABLE products ADD CONSTRAINT products_list_price_positive CHECK (list_price > 0) NOT VALID;

-- Set once, by an admin; a cancelled sale sells nothing more and cannot be changed.
ALTER TABLE flash_sales ADD COLUMN cancelled_at timestamptz;
-- Units sold as last reported on the sale-status topic, and the report's time: the stock cannot be
-- set below it. order-processor stays the judge (it never lets the stock fall below what it sold).
ALTER TABLE flash_sales ADD COLUMN units_sold integer NOT NULL DEFAULT 0 CHECK (units_sold >= 0);
ALTER TABLE flash_sales ADD COLUMN units_sold_at timestamptz;
ALTER TABLE flash_sales ADD CONSTRAINT flash_sales_sale_price_positive CHECK (sale_price > 0) NOT VALID;

CREATE INDEX flash_sales_by_product ON flash_sales (product_id);
CREATE INDEX products_listed ON products (created_at, id) WHERE deleted_at IS NULL;
