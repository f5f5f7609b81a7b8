-- One row per version transition: what changed, whether a note declared it, and its status;
-- beside the notes found in the text, the corrections new in the page's structured data,
-- and the publication and update times the later version's page stated.
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
    tv.is_reconstructed OR coalesce(fv.is_reconstructed, false) AS involves_reconstructed,
    sc.structured_corrections,
    tv.published_at,
    tv.modified_at
FROM transitions t
JOIN reports r USING (report_id)
JOIN versions tv ON tv.report_id = t.report_id AND tv.version_no = t.to_version
LEFT JOIN versions fv ON fv.report_id = t.report_id AND fv.version_no = t.from_version
LEFT JOIN (
    -- Structured corrections the version before did not state.
    SELECT s.report_id, s.version_no,
           list({'text': s.correction_text, 'published_at': s.published_at}
                ORDER BY s.correction_no) AS structured_corrections
    FROM structured_corrections s
    WHERE NOT EXISTS (
        SELECT 1 FROM structured_corrections p
        WHERE p.report_id = s.report_id AND p.version_no = s.version_no - 1
          AND p.correction_text = s.correction_text
    )
    GROUP BY s.report_id, s.version_no
) sc ON sc.report_id = t.report_id AND sc.version_no = t.to_version;
