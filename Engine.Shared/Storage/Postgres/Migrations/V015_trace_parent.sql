-- The W3C traceparent of the span that submitted the job (00-TRACEID-SPANID-FLAGS), so that the node
-- that claims and runs it, in whatever process, continues the submitter's trace; the job's trace id is
-- read from it. NULL for jobs submitted before this column existed. A nullable column without a default
-- rewrites nothing.
ALTER TABLE aq_jobs ADD COLUMN trace_parent text;
