-- Named lease rows, e.g. the split-brain resolver's lease. Expiry is by the store's clock (the times
-- the stores write), never now() of the server. An expired row is free; the next acquirer overwrites it.
CREATE TABLE aq_leases (
    name        text        PRIMARY KEY,
    owner       text        NOT NULL,
    acquired_at timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
