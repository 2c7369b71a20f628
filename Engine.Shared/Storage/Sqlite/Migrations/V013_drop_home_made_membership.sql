-- Membership and leadership are Akka.Cluster's now (members, failure detector, singleton): the heartbeat
-- table and the leader row of the home-made cluster have no reader or writer left.
DROP TABLE IF EXISTS aq_leader;
DROP TABLE IF EXISTS aq_nodes;
