-- Bulk: one list per column, one row per article.
INSERT INTO articles (
    report_id, canonical_url, fetch_url, source_name, first_seen_at, last_fetched_at,
    last_changed_at, etag, last_modified, last_body_sha256
)
SELECT * FROM (
    SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
           unnest(?::VARCHAR[]), unnest(?::TIMESTAMPTZ[]), unnest(?::TIMESTAMPTZ[]),
           unnest(?::TIMESTAMPTZ[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
           unnest(?::VARCHAR[])
)
ON CONFLICT (report_id) DO UPDATE SET
    fetch_url = excluded.fetch_url,
    last_fetched_at = excluded.last_fetched_at,
    last_changed_at = coalesce(excluded.last_changed_at, articles.last_changed_at),
    etag = coalesce(excluded.etag, articles.etag),
    last_modified = coalesce(excluded.last_modified, articles.last_modified),
    last_body_sha256 = coalesce(excluded.last_body_sha256, articles.last_body_sha256);
