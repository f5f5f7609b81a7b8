-- The latest version's text of every report, for grouping reports into stories.
WITH latest AS (
    SELECT report_id, max(version_no) AS version_no FROM versions GROUP BY report_id
)
SELECT vp.report_id, string_agg(p.text, chr(10) || chr(10) ORDER BY vp.position) AS text
FROM version_paragraphs vp
JOIN latest l ON l.report_id = vp.report_id AND l.version_no = vp.version_no
JOIN paragraphs p ON p.paragraph_hash = vp.paragraph_hash
GROUP BY vp.report_id;
