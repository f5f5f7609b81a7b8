INSERT INTO reviews (entry_id, status, note, reviewed_by, reviewed_at)
VALUES (?, ?, ?, ?, ?)
RETURNING entry_id, status, note, reviewed_by, reviewed_at;
