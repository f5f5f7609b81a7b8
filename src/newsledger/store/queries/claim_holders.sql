-- For the reports pages' canonical URLs name: the report's own URL, the URL it is watched at,
-- every page URL a version was read from, and every headline it has had.
WITH wanted AS (SELECT unnest(?::VARCHAR[]) AS report_id)
SELECT r.report_id, r.url, a.fetch_url,
       list(DISTINCT v.source) FILTER (WHERE v.source IS NOT NULL) AS sources,
       list(DISTINCT v.title) FILTER (WHERE v.title IS NOT NULL) AS titles
FROM reports r
JOIN wanted USING (report_id)
LEFT JOIN articles a USING (report_id)
LEFT JOIN versions v USING (report_id)
GROUP BY r.report_id, r.url, a.fetch_url;
