-- Which reports make up each story, and which carry another report's text (syndication).
CREATE OR REPLACE VIEW v_story_reports AS
SELECT
    sr.story_id,
    sr.report_id,
    r.outlet,
    r.label AS title,
    r.first_seen_at,
    sr.shares_text_with,
    sr.shared_sentences,
    sr.shared_share
FROM story_reports sr
JOIN reports r USING (report_id);
