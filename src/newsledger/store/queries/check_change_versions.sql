-- Every change joins two existing, successive versions of its report.
SELECT c.report_id || '#' || c.to_version || '/' || c.change_no,
       'change refers to missing or non-successive versions ' || c.from_version || '->' || c.to_version
FROM changes c
LEFT JOIN versions f ON f.report_id = c.report_id AND f.version_no = c.from_version
LEFT JOIN versions t ON t.report_id = c.report_id AND t.version_no = c.to_version
WHERE f.version_no IS NULL OR t.version_no IS NULL OR c.to_version <> c.from_version + 1;
