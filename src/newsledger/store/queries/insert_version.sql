-- Bulk: one list per column.
INSERT INTO versions (
    report_id, version_no, captured_at, source, title, byline, text_hash, content_hash,
    n_paragraphs, n_chars, is_reconstructed, summary, published_at, modified_at, stored_at
)
SELECT *, now() FROM (
    SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::TIMESTAMPTZ[]),
           unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
           unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]),
           unnest(?::INTEGER[]), unnest(?::BOOLEAN[]), unnest(?::VARCHAR[]),
           unnest(?::TIMESTAMPTZ[]), unnest(?::TIMESTAMPTZ[])
);
