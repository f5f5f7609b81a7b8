-- One line per report: outlet, versions, last capture, title.
SELECT report_id, any_value(outlet), count(*), max(captured_at), any_value(title)
FROM v_versions
GROUP BY report_id
ORDER BY report_id;
