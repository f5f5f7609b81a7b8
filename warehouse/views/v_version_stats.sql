-- One row per stored version, as v_versions without the text: for counting and grouping
-- versions, which v_versions makes pay for rebuilding every text from its paragraphs
-- (DuckDB keeps a join whose columns are not read; 1.5 s at a million versions).
CREATE OR REPLACE VIEW v_version_stats AS
SELECT
    v.report_id,
    v.version_no,
    v.captured_at,
    v.source,
    r.outlet,
    coalesce(v.title, r.label) AS title,
    v.text_hash,
    v.n_chars,
    v.n_paragraphs,
    v.is_reconstructed,
    v.byline,
    r.url,
    v.published_at,
    v.modified_at
FROM versions v
JOIN reports r USING (report_id);
