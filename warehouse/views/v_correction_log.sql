-- One row per version transition: what changed, whether a note declared it, and its status.
CREATE OR REPLACE VIEW v_correction_log AS
SELECT
    t.entry_id,
    t.report_id,
    r.outlet,
    coalesce(tv.title, r.label) AS title,
    t.from_version,
    t.to_version,
    fv.captured_at AS from_captured_at,
    tv.captured_at AS to_captured_at,
    t.status,
    t.kinds,
    t.notes,
    t.n_changes,
    r.url,
    tv.is_reconstructed OR coalesce(fv.is_reconstructed, false) AS involves_reconstructed
FROM transitions t
JOIN reports r USING (report_id)
JOIN versions tv ON tv.report_id = t.report_id AND tv.version_no = t.to_version
LEFT JOIN versions fv ON fv.report_id = t.report_id AND fv.version_no = t.from_version;
