-- The newest version of each report in the list parameter, paragraphs in order.
WITH wanted AS (SELECT unnest(?::VARCHAR[]) AS report_id),
latest AS (
    SELECT v.report_id, max(v.version_no) AS version_no
    FROM versions v JOIN wanted USING (report_id)
    GROUP BY v.report_id
)
SELECT v.report_id, v.version_no, v.captured_at, v.source, v.title, v.byline,
       v.text_hash, v.content_hash, v.is_reconstructed,
       list(p.text ORDER BY vp.position) AS paragraphs,
       v.summary, v.published_at, v.modified_at
FROM versions v
JOIN latest l ON l.report_id = v.report_id AND l.version_no = v.version_no
JOIN version_paragraphs vp ON vp.report_id = v.report_id AND vp.version_no = v.version_no
JOIN paragraphs p ON p.paragraph_hash = vp.paragraph_hash
GROUP BY ALL;
