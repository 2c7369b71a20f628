-- Named lease rows, e.g. the split-brain resolver's lease. Times are Unix milliseconds by the store's
-- clock. An expired row is free; the next acquirer overwrites it.
CREATE TABLE aq_leases (
    name        TEXT    NOT NULL PRIMARY KEY,
    owner       TEXT    NOT NULL,
    acquired_at INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
