SELECT report_id, report_id, canonical_url, fetch_url, source_name, first_seen_at,
       last_fetched_at, last_changed_at, etag, last_modified, last_body_sha256
FROM articles
ORDER BY report_id;
