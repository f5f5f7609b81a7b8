-- One row per stored version of a report, with its full text rebuilt from paragraphs.
CREATE OR REPLACE VIEW v_versions AS
SELECT
    v.report_id,
    v.version_no,
    v.captured_at,
    v.source,
    r.outlet,
    coalesce(v.title, r.label) AS title,
    (
        SELECT string_agg(p.text, chr(10) || chr(10) ORDER BY vp.position)
        FROM version_paragraphs vp
        JOIN paragraphs p USING (paragraph_hash)
        WHERE vp.report_id = v.report_id AND vp.version_no = v.version_no
    ) AS text,
    v.text_hash,
    v.n_chars,
    v.is_reconstructed,
    v.byline,
    r.url
FROM versions v
JOIN reports r USING (report_id);
