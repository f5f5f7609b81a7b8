SELECT c.*, v.captured_at::DATE AS capture_date
FROM v_corrections c JOIN versions v USING (report_id, version_no)
