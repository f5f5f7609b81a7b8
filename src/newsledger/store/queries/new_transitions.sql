-- Transitions stored since a moment, for webhook notifications.
SELECT l.entry_id, l.report_id, l.outlet, l.title, l.url, l.from_version, l.to_version,
       l.status, l.kinds, l.notes, l.to_captured_at
FROM v_correction_log l
JOIN versions v ON v.report_id = l.report_id AND v.version_no = l.to_version
WHERE v.stored_at >= ?::TIMESTAMPTZ
ORDER BY l.to_captured_at, l.entry_id;
