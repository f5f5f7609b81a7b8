-- Entries awaiting an editor: never reviewed, or last marked needs-note.
SELECT
    l.entry_id,
    l.report_id,
    l.outlet,
    l.title,
    l.from_version,
    l.to_version,
    l.to_captured_at,
    l.status,
    coalesce(l.kinds, []) AS kinds,
    r.review_status,
    r.reviewed_by,
    r.reviewed_at
FROM v_correction_log l
LEFT JOIN v_reviews r USING (entry_id)
WHERE r.review_status IS NULL OR r.review_status = 'needs-note'
ORDER BY (l.status = 'silent_substantive') DESC, l.to_captured_at DESC, l.report_id, l.to_version DESC;
