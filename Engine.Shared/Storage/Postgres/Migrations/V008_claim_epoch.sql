-- The claim epoch: raised by one on every claim and never lowered. It fences a claim (finishing and
-- lease renewal match node AND epoch) instead of the attempt, which a hand-back gives back: after a
-- release the same node could claim the same attempt number again, and an outcome of the first claim
-- would then match the second. Adding a column with a constant default rewrites nothing.
ALTER TABLE aq_jobs ADD COLUMN claim_epoch bigint NOT NULL DEFAULT 0;
