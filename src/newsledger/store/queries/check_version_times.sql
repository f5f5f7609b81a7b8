-- Each version was captured no earlier than the one before it: history is told in order.
SELECT v.report_id || '#' || v.version_no,
       'captured ' || v.captured_at || ', before version ' || p.version_no
       || ' (captured ' || p.captured_at || ')'
FROM versions v
JOIN versions p ON p.report_id = v.report_id AND p.version_no = v.version_no - 1
WHERE v.captured_at < p.captured_at;
