-- Bulk: one list per column, one row per article.
-- A report's fetch URL never moves: a page elsewhere that claims the report (by its canonical
-- URL) cannot redirect its refetches. The watch state (etag, last modified, body digest, last
-- fetch) describes the fetch URL, so only a fetch of that URL updates it.
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
    last_fetched_at = CASE WHEN excluded.fetch_url = articles.fetch_url
                           THEN excluded.last_fetched_at ELSE articles.last_fetched_at END,
    last_changed_at = coalesce(excluded.last_changed_at, articles.last_changed_at),
    etag = CASE WHEN excluded.fetch_url = articles.fetch_url
                THEN coalesce(excluded.etag, articles.etag) ELSE articles.etag END,
    last_modified = CASE WHEN excluded.fetch_url = articles.fetch_url
                         THEN coalesce(excluded.last_modified, articles.last_modified)
                         ELSE articles.last_modified END,
    last_body_sha256 = CASE WHEN excluded.fetch_url = articles.fetch_url
                            THEN coalesce(excluded.last_body_sha256, articles.last_body_sha256)
                            ELSE articles.last_body_sha256 END;
