-- Announces new jobs without a change event per job: a job's first state can have no watcher yet (its
-- id is only known once the submission is answered), so "queue X has jobs" and "the schedule changed"
-- are all that new jobs need to say. Saves a third of the notification traffic of a job's life.
CREATE FUNCTION aq_notify_arrivals(origin text, queues text[], states text[])
RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    IF queues IS NULL THEN
        RETURN 0;
    END IF;
    RETURN aq_notify(origin, ARRAY(
        SELECT event FROM (
            SELECT 1 AS kind, min(c.ord) AS ord, 'a' || chr(9) || c.queue AS event
              FROM unnest(queues, states) WITH ORDINALITY AS c(queue, state, ord)
             WHERE c.state = 'available'
             GROUP BY c.queue
            UNION ALL
            SELECT 2, 0, 's'
             WHERE 'scheduled' = ANY(states)
        ) AS events
        ORDER BY kind, ord));
END
$$;
