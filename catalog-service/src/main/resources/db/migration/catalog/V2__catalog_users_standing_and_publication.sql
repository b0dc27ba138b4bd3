-- An account's standing: administrators disable and enable accounts and change roles. Each change
-- bumps the version and moves tokens_valid_from (tokens issued before it no longer hold); the
-- change is published to the compacted accounts topic after its commit (an outbox in place).

ALTER TABLE users ADD COLUMN enabled boolean NOT NULL DEFAULT true;
ALTER TABLE users ADD COLUMN tokens_valid_from timestamptz NOT NULL DEFAULT now();
ALTER TABLE users ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1);
-- A new account (version 1) has nothing to tell: only changes are published.
ALTER TABLE users ADD COLUMN published_version bigint NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE INDEX users_unpublished ON users (id) WHERE published_version < version;
CREATE INDEX users_changed ON users (updated_at) WHERE version > 1;
-- One account per name whatever its case ("Admin" cannot pose as "admin"); sign-in looks names up by it.
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));
