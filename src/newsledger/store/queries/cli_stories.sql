-- Stories, newest first.
SELECT story_id, n_reports, first_captured_at::DATE, last_captured_at::DATE, outlets
FROM v_stories
ORDER BY first_captured_at DESC;
