SELECT *, first_seen_at::DATE AS capture_date FROM v_story_reports
