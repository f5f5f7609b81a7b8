-- One row per correction note found in a version's text (declared changes).
CREATE OR REPLACE VIEW v_corrections AS
SELECT
    report_id,
    version_no,
    note_text,
    note_type AS kind,
    note_no,
    note_date,
    wrong_text,
    right_text
FROM corrections;
