-- Bulk: one list per column, one row per feed.
INSERT INTO feed_state (feed_name, url, last_polled_at, etag, last_modified, last_problem)
SELECT * FROM (SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::TIMESTAMPTZ[]),
                      unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]))
ON CONFLICT (feed_name) DO UPDATE SET
    url = excluded.url,
    last_polled_at = excluded.last_polled_at,
    etag = excluded.etag,
    last_modified = excluded.last_modified,
    last_problem = excluded.last_problem;
