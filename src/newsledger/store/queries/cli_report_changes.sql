-- The changes of one report between two versions (the later one included).
SELECT to_version, change_no, op, kind, field, before_text, after_text, word_ops
FROM v_changes
WHERE report_id = ? AND to_version > ? AND to_version <= ?
ORDER BY to_version, change_no;
