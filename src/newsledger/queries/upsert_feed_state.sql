INSERT INTO feed_state (feed_name, url, last_polled_at, etag, last_modified, last_problem)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (feed_name) DO UPDATE SET
    url = excluded.url,
    last_polled_at = excluded.last_polled_at,
    etag = excluded.etag,
    last_modified = excluded.last_modified,
    last_problem = excluded.last_problem;
