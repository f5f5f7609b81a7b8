SELECT c.*, v.captured_at::DATE AS capture_date
FROM v_changes c JOIN versions v ON v.report_id = c.report_id AND v.version_no = c.to_version
