-- Bulk: one list per column.
INSERT INTO changes (
    report_id, from_version, to_version, change_no, field, op, before_pos, after_pos,
    before_text, after_text, word_ops
)
SELECT c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11::JSON FROM (
    SELECT unnest(?::VARCHAR[]) AS c1, unnest(?::INTEGER[]) AS c2, unnest(?::INTEGER[]) AS c3,
           unnest(?::INTEGER[]) AS c4, unnest(?::VARCHAR[]) AS c5, unnest(?::VARCHAR[]) AS c6,
           unnest(?::INTEGER[]) AS c7, unnest(?::INTEGER[]) AS c8, unnest(?::VARCHAR[]) AS c9,
           unnest(?::VARCHAR[]) AS c10, unnest(?::VARCHAR[]) AS c11
);
