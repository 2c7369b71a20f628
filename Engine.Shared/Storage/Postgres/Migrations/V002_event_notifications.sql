-- Change notifications on channel aq_events, sent inside the transaction that makes the change, so a
-- listener hears of it exactly when it commits and never of a change that rolled back. The payload is
-- text, one event a line (the format is documented and parsed in PostgresEvents.cs):
--   <origin>                                              who sent it: "<store>.<ticket>.<statement>.<part>"
--   a<TAB>queue                                           jobs became available in queue
--   s                                                     the schedule changed
--   x<TAB>job id                                          a running job was asked to cancel
--   c<TAB>job id<TAB>queue<TAB>state<TAB>attempt<TAB>ms   a job changed state at ms (Unix milliseconds)

-- Sends the events in as few payloads as fit under 7,900 bytes each (PostgreSQL's limit is 8,000).
-- Answers how many payloads it sent, so that the sender can wait for their echo.
CREATE FUNCTION aq_notify(origin text, events text[]) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    payload text;
    event   text;
    part    integer := 0;
BEGIN
    IF events IS NULL THEN
        RETURN 0;
    END IF;
    FOREACH event IN ARRAY events LOOP
        CONTINUE WHEN event IS NULL;
        IF payload IS NOT NULL AND octet_length(payload) + 1 + octet_length(event) > 7900 THEN
            PERFORM pg_notify('aq_events', payload);
            part := part + 1;
            payload := NULL;
        END IF;
        payload := COALESCE(payload, COALESCE(origin, '-') || '.' || part) || E'\n' || event;
    END LOOP;
    IF payload IS NOT NULL THEN
        PERFORM pg_notify('aq_events', payload);
        part := part + 1;
    END IF;
    RETURN part;
END
$$;

-- The events for a set of state changes (parallel arrays, one element per job): "available" once per
-- queue that got available jobs, "schedule changed" once if any job became scheduled or retryable, then
-- one "changed" per job. PL/pgSQL rather than SQL: a SQL function this shape is planned again on every
-- call, a PL/pgSQL one once per session.
CREATE FUNCTION aq_notify_changes(origin text, at_ms bigint, ids text[], queues text[], states text[], attempts integer[])
RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    IF ids IS NULL THEN
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
             WHERE 'scheduled' = ANY(states) OR 'retryable' = ANY(states)
            UNION ALL
            SELECT 3, c.ord, concat_ws(chr(9), 'c', c.id, c.queue, c.state, c.attempt, at_ms)
              FROM unnest(ids, queues, states, attempts) WITH ORDINALITY AS c(id, queue, state, attempt, ord)
        ) AS events
        ORDER BY kind, ord));
END
$$;
