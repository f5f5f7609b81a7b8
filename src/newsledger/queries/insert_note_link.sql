INSERT INTO note_links (report_id, version_no, note_no, change_no, score)
VALUES (?, ?, ?, ?, ?);
