-- The changes of one report between two versions (the later one included); kinds as the
-- terminal shows them, comma-separated.
SELECT to_version, change_no, op, array_to_string(kinds, ',') AS kind, field, before_text,
       after_text, word_ops
FROM v_changes
WHERE report_id = ? AND to_version > ? AND to_version <= ?
ORDER BY to_version, change_no;
