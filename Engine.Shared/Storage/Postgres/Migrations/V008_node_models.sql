-- The models each member serves or failed to load (a JSON array of ModelRecord), for GET /api/models and
-- for routing classify jobs to the queue of a model some member has loaded.
ALTER TABLE aq_nodes ADD COLUMN models jsonb NOT NULL DEFAULT '[]'::jsonb;
