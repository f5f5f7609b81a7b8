-- One row per story: reports of one event grouped across outlets and days.
CREATE OR REPLACE VIEW v_stories AS
SELECT
    s.story_id,
    s.first_captured_at,
    s.last_captured_at,
    s.n_reports,
    (SELECT list(DISTINCT r.outlet ORDER BY r.outlet)
     FROM story_reports sr JOIN reports r USING (report_id)
     WHERE sr.story_id = s.story_id) AS outlets
FROM stories s;
