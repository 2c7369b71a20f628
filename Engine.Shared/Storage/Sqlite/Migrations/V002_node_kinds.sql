-- The job kinds each member can run (kind -> default queue), so that a seed without those handlers accepts them.
ALTER TABLE aq_nodes ADD COLUMN kinds TEXT NOT NULL DEFAULT '{}';
