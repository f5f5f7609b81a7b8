-- One row per sentence-level change between two successive versions of a report.
CREATE OR REPLACE VIEW v_changes AS
SELECT
    c.report_id,
    c.from_version,
    c.to_version,
    c.change_no,
    c.op,
    (
        SELECT string_agg(k.kind, ',' ORDER BY k.kind)
        FROM change_kinds k
        WHERE k.report_id = c.report_id AND k.to_version = c.to_version
          AND k.change_no = c.change_no
    ) AS kind,
    c.before_text,
    c.after_text,
    c.field,
    c.before_pos,
    c.after_pos,
    c.word_ops
FROM changes c;
