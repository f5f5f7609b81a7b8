INSERT INTO stories (story_id, first_captured_at, last_captured_at, n_reports) VALUES (?, ?, ?, ?);
