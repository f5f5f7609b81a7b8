INSERT INTO captures (
    capture_key, report_id, captured_at, source, content_hash, outcome, version_no, stored_at
) VALUES (?, ?, ?, ?, ?, ?, ?, now())
ON CONFLICT (capture_key) DO NOTHING;
