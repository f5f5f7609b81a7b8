-- Every version with its report's outlet and first capture (no text: the timeline needs none).
SELECT v.report_id, v.version_no, v.captured_at, r.outlet, r.first_seen_at
FROM versions v
JOIN reports r USING (report_id)
ORDER BY v.report_id, v.version_no;
