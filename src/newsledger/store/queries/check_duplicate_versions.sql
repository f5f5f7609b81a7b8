-- Two successive versions with the same content are a duplicate, not a change.
SELECT v.report_id || '#' || v.version_no, 'same content as the version before it'
FROM versions v
JOIN versions p ON p.report_id = v.report_id AND p.version_no = v.version_no - 1
WHERE p.content_hash = v.content_hash;
