-- Signals no longer travel through the database. Each store raises its own right after the commit, and
-- the cluster's members pass them on to each other over Akka DistributedPubSub (with a slow poll as the
-- safety net), so NOTIFY inside every transaction only doubled them. Drops the functions of V002 and V005;
-- no trigger ever called them.
DROP FUNCTION IF EXISTS aq_notify_arrivals(text, text[], text[]);
DROP FUNCTION IF EXISTS aq_notify_changes(text, bigint, text[], text[], text[], integer[]);
DROP FUNCTION IF EXISTS aq_notify(text, text[]);
