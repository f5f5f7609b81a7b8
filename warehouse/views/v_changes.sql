-- One row per sentence-level change between two successive versions of a report, with the
-- report's outlet, when the later version was captured, the transition's status, the
-- change's kinds (a list) and, for each kind, the evidence that decided it. Kinds and
-- evidence are read from the change row (schema step 009), not grouped per query.
CREATE OR REPLACE VIEW v_changes AS
SELECT
    c.report_id,
    c.from_version,
    c.to_version,
    c.change_no,
    c.op,
    c.kinds,
    c.before_text,
    c.after_text,
    c.field,
    c.before_pos,
    c.after_pos,
    c.word_ops,
    r.outlet,
    v.captured_at,
    t.status,
    c.evidence
FROM changes c
LEFT JOIN reports r ON r.report_id = c.report_id
LEFT JOIN versions v ON v.report_id = c.report_id AND v.version_no = c.to_version
LEFT JOIN transitions t ON t.report_id = c.report_id AND t.to_version = c.to_version;
