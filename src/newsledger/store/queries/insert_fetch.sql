-- Bulk: one list per column.
INSERT INTO fetches (
    run_id, purpose, source_name, url, final_url, fetched_at, status, bytes, elapsed_ms,
    attempts, error_class, error_message, etag, last_modified, body_sha256, warc_file,
    warc_offset, warc_length, is_revisit, report_id, outcome
)
SELECT * FROM (
    SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
           unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::TIMESTAMPTZ[]),
           unnest(?::INTEGER[]), unnest(?::BIGINT[]), unnest(?::DOUBLE[]),
           unnest(?::INTEGER[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
           unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
           unnest(?::VARCHAR[]), unnest(?::BIGINT[]), unnest(?::BIGINT[]),
           unnest(?::BOOLEAN[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[])
);
