-- One row per correction a version declares: a note found in its text (detected_by 'text')
-- or a schema.org `correction` in the page's JSON-LD (detected_by 'json_ld'), with the
-- report's outlet, when the version was captured and the publication time it stated.
CREATE OR REPLACE VIEW v_corrections AS
SELECT
    c.report_id,
    c.version_no,
    c.note_text,
    c.note_type AS kind,
    c.note_no,
    c.note_date,
    c.wrong_text,
    c.right_text,
    'text' AS detected_by,
    coalesce(c.is_new, true) AS is_new,
    v.captured_at,
    r.outlet,
    v.published_at
FROM corrections c
LEFT JOIN versions v ON v.report_id = c.report_id AND v.version_no = c.version_no
LEFT JOIN reports r ON r.report_id = c.report_id
UNION ALL
SELECT
    s.report_id,
    s.version_no,
    s.correction_text,
    'correction',
    s.correction_no,
    -- The day in UTC whatever the session's time zone: epoch_ms(BIGINT) is a naive timestamp.
    strftime(epoch_ms(epoch_ms(s.published_at)), '%Y-%m-%d'),
    NULL,
    NULL,
    'json_ld',
    NOT EXISTS (
        SELECT 1 FROM structured_corrections p
        WHERE p.report_id = s.report_id AND p.version_no = s.version_no - 1
          AND p.correction_text = s.correction_text
    ),
    v.captured_at,
    r.outlet,
    v.published_at
FROM structured_corrections s
LEFT JOIN versions v ON v.report_id = s.report_id AND v.version_no = s.version_no
LEFT JOIN reports r ON r.report_id = s.report_id;
