-- Bulk: one list per column; a capture seen before is kept as first recorded.
INSERT INTO captures (
    capture_key, report_id, captured_at, source, content_hash, outcome, version_no, stored_at
)
SELECT *, now() FROM (
    SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::TIMESTAMPTZ[]),
           unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
           unnest(?::INTEGER[])
)
ON CONFLICT (capture_key) DO NOTHING;
