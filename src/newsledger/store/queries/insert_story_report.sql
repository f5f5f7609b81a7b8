INSERT INTO story_reports VALUES (?, ?, ?, ?, ?);
