-- Rows that point at nothing.
SELECT 'version ' || v.report_id || '#' || v.version_no, 'version of an unknown report'
FROM versions v ANTI JOIN reports r USING (report_id)
UNION ALL
SELECT 'version_paragraph ' || vp.report_id || '#' || vp.version_no || '@' || vp.position,
       'paragraph row of a missing version'
FROM version_paragraphs vp ANTI JOIN versions v USING (report_id, version_no)
UNION ALL
SELECT 'paragraph ' || p.paragraph_hash, 'paragraph no version uses'
FROM paragraphs p ANTI JOIN version_paragraphs vp USING (paragraph_hash)
UNION ALL
SELECT 'change_kind ' || k.report_id || '#' || k.to_version || '/' || k.change_no,
       'label of a missing change'
FROM change_kinds k ANTI JOIN changes c USING (report_id, to_version, change_no)
UNION ALL
SELECT 'correction ' || c.report_id || '#' || c.version_no || '/' || c.note_no,
       'note of a missing version'
FROM corrections c ANTI JOIN versions v USING (report_id, version_no)
UNION ALL
SELECT 'transition ' || t.report_id || '#' || t.to_version, 'transition of a missing version'
FROM transitions t ANTI JOIN versions v ON v.report_id = t.report_id AND v.version_no = t.to_version
UNION ALL
SELECT 'note_link ' || l.report_id || '#' || l.version_no || '/' || l.note_no,
       'link to a missing note or change'
FROM note_links l
WHERE NOT EXISTS (SELECT 1 FROM corrections c WHERE c.report_id = l.report_id
                  AND c.version_no = l.version_no AND c.note_no = l.note_no)
   OR NOT EXISTS (SELECT 1 FROM changes c WHERE c.report_id = l.report_id
                  AND c.to_version = l.version_no AND c.change_no = l.change_no)
UNION ALL
SELECT 'capture ' || c.capture_key, 'capture names a missing version'
FROM captures c
WHERE c.version_no IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM versions v WHERE v.report_id = c.report_id AND v.version_no = c.version_no)
UNION ALL
SELECT 'structured_correction ' || s.report_id || '#' || s.version_no || '/' || s.correction_no,
       'structured correction of a missing version'
FROM structured_corrections s ANTI JOIN versions v USING (report_id, version_no);
