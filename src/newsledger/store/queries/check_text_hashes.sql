-- Stored hashes match the stored text: each paragraph's, and each version's rebuilt body.
SELECT 'paragraph ' || paragraph_hash, 'hash does not match its text'
FROM paragraphs
WHERE sha256(text) <> paragraph_hash
UNION ALL
SELECT v.report_id || '#' || v.version_no, 'text_hash does not match the rebuilt text'
FROM versions v
JOIN (
    SELECT vp.report_id, vp.version_no,
           string_agg(p.text, chr(10) || chr(10) ORDER BY vp.position) AS body
    FROM version_paragraphs vp JOIN paragraphs p USING (paragraph_hash)
    GROUP BY vp.report_id, vp.version_no
) t ON t.report_id = v.report_id AND t.version_no = v.version_no
WHERE sha256(t.body) <> v.text_hash OR length(t.body) <> v.n_chars;
