-- Every version has all its paragraphs, at positions 0..n-1, each stored.
SELECT v.report_id || '#' || v.version_no,
       'paragraphs: expected ' || v.n_paragraphs || ', found ' || count(p.paragraph_hash)
FROM versions v
LEFT JOIN version_paragraphs vp ON vp.report_id = v.report_id AND vp.version_no = v.version_no
LEFT JOIN paragraphs p ON p.paragraph_hash = vp.paragraph_hash
GROUP BY v.report_id, v.version_no, v.n_paragraphs
HAVING count(p.paragraph_hash) <> v.n_paragraphs
    OR count(vp.position) <> v.n_paragraphs
    OR coalesce(max(vp.position), -1) <> v.n_paragraphs - 1;
