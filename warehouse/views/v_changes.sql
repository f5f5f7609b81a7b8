-- One row per sentence-level change between two successive versions of a report.
CREATE OR REPLACE VIEW v_changes AS
SELECT
    c.report_id,
    c.from_version,
    c.to_version,
    c.change_no,
    c.op,
    k.kind,
    c.before_text,
    c.after_text,
    c.field,
    c.before_pos,
    c.after_pos,
    c.word_ops
FROM changes c
LEFT JOIN (
    SELECT report_id, to_version, change_no, string_agg(kind, ',' ORDER BY kind) AS kind
    FROM change_kinds
    GROUP BY ALL
) k USING (report_id, to_version, change_no);
