-- Bulk: one list per column.
INSERT INTO structured_corrections (
    report_id, version_no, correction_no, correction_text, published_at
)
SELECT * FROM (
    SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]),
           unnest(?::VARCHAR[]), unnest(?::TIMESTAMPTZ[])
);
