-- Bulk: one list per column.
INSERT INTO corrections (
    report_id, version_no, note_no, note_type, note_text, paragraph_pos, note_date,
    wrong_text, right_text, is_new
)
SELECT * FROM (
    SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]),
           unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]),
           unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
           unnest(?::BOOLEAN[])
);
