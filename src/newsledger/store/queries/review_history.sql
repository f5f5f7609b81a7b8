-- Every review of one entry, oldest first.
SELECT entry_id, status, note, reviewed_by, reviewed_at
FROM reviews
WHERE entry_id = ?
ORDER BY reviewed_at, review_no;
