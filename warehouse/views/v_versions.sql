-- One row per stored version of a report, with its full text rebuilt from paragraphs, and
-- what the page stated about itself when captured (summary, publication and update times).
-- Texts are rebuilt in one grouped pass and joined (a correlated subquery per row was
-- 40x slower at a million versions); a filter on report_id is pushed into that pass.
CREATE OR REPLACE VIEW v_versions AS
SELECT
    v.report_id,
    v.version_no,
    v.captured_at,
    v.source,
    r.outlet,
    coalesce(v.title, r.label) AS title,
    t.text,
    v.text_hash,
    v.n_chars,
    v.is_reconstructed,
    v.byline,
    r.url,
    v.summary,
    v.published_at,
    v.modified_at
FROM versions v
JOIN reports r USING (report_id)
LEFT JOIN (
    SELECT vp.report_id, vp.version_no,
           string_agg(p.text, chr(10) || chr(10) ORDER BY vp.position) AS text
    FROM version_paragraphs vp
    JOIN paragraphs p USING (paragraph_hash)
    GROUP BY vp.report_id, vp.version_no
) t ON t.report_id = v.report_id AND t.version_no = v.version_no;
