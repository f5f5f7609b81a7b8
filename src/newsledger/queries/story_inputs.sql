-- Every version with its report's outlet and first capture, for claims and clustering.
SELECT v.report_id, v.version_no, v.captured_at, r.outlet, r.first_seen_at, v.text
FROM v_versions v
JOIN reports r USING (report_id)
ORDER BY v.report_id, v.version_no;
