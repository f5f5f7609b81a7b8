-- Sentence-level changes of the given transitions (parallel lists of report_id, to_version).
SELECT
    c.report_id,
    c.to_version,
    c.change_no,
    c.field,
    c.op,
    c.kinds,
    c.before_text,
    c.after_text,
    c.word_ops
FROM v_changes c
JOIN (SELECT unnest(?::VARCHAR[]) AS report_id, unnest(?::INTEGER[]) AS to_version) wanted
    USING (report_id, to_version)
ORDER BY c.report_id, c.to_version, c.change_no;
