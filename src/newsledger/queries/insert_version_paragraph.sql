INSERT INTO version_paragraphs (report_id, version_no, position, paragraph_hash)
VALUES (?, ?, ?, ?);
