-- The reports of one story, oldest first.
SELECT report_id, outlet, shares_text_with, shared_sentences
FROM v_story_reports
WHERE story_id = ?
ORDER BY first_seen_at;
