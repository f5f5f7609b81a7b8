-- Correction-log entries in the period, with their latest review; unreviewed silent
-- substantive changes first, then newest first. Times are naive UTC.
-- Params: since, since, until (exclusive), until, outlet, outlet, report_id, report_id,
-- status, status.
SELECT
    l.entry_id,
    l.report_id,
    l.outlet,
    l.title,
    l.url,
    l.from_version,
    l.to_version,
    timezone('UTC', l.from_captured_at) AS from_captured_at,
    timezone('UTC', l.to_captured_at) AS to_captured_at,
    l.status,
    coalesce(l.kinds, []) AS kinds,
    coalesce(l.notes, []) AS notes,
    l.n_changes,
    l.involves_reconstructed,
    r.review_status,
    r.review_note,
    r.reviewed_by,
    timezone('UTC', r.reviewed_at) AS reviewed_at,
    coalesce(l.structured_corrections, []) AS structured_corrections,
    timezone('UTC', l.published_at) AS published_at,
    timezone('UTC', l.modified_at) AS modified_at
FROM v_correction_log l
LEFT JOIN v_reviews r USING (entry_id)
WHERE (CAST(? AS TIMESTAMPTZ) IS NULL OR l.to_captured_at >= ?)
  AND (CAST(? AS TIMESTAMPTZ) IS NULL OR l.to_captured_at < ?)
  AND (CAST(? AS VARCHAR) IS NULL OR l.outlet = ?)
  AND (CAST(? AS VARCHAR) IS NULL OR l.report_id = ?)
  AND (CAST(? AS VARCHAR) IS NULL OR l.status = ?)
ORDER BY
    (l.status = 'silent_substantive' AND r.review_status IS NULL) DESC,
    l.to_captured_at DESC,
    l.report_id,
    l.to_version DESC;
