-- Every version of one report with its full text, oldest first (the web app's report page).
-- Times are naive UTC. Params: report_id.
SELECT
    version_no,
    timezone('UTC', captured_at) AS captured_at,
    is_reconstructed,
    source,
    title,
    byline,
    text,
    outlet,
    url
FROM v_versions
WHERE report_id = ?
ORDER BY version_no;
