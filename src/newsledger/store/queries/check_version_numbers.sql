-- Version numbers run 1, 2, 3 ... per report with no gap.
SELECT report_id, 'versions not contiguous: ' || string_agg(version_no::VARCHAR, ',' ORDER BY version_no)
FROM versions
GROUP BY report_id
HAVING min(version_no) <> 1 OR max(version_no) <> count(*);
