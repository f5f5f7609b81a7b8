-- Known articles for the given feed links and GUIDs.
SELECT a.alias, ar.report_id, ar.canonical_url, ar.fetch_url, ar.source_name, ar.first_seen_at,
       ar.last_fetched_at, ar.last_changed_at, ar.etag, ar.last_modified, ar.last_body_sha256
FROM article_aliases a
JOIN articles ar USING (report_id)
WHERE a.alias IN (SELECT unnest(?::VARCHAR[]));
