-- Every version of each report with a version in the period (and outlet), for timelines.
-- Times are naive UTC. Params: since, since, until (exclusive), until, outlet, outlet,
-- report_id, report_id.
WITH tracked AS (
    SELECT DISTINCT report_id
    FROM v_versions
    WHERE (CAST(? AS TIMESTAMPTZ) IS NULL OR captured_at >= ?)
      AND (CAST(? AS TIMESTAMPTZ) IS NULL OR captured_at < ?)
      AND (CAST(? AS VARCHAR) IS NULL OR outlet = ?)
      AND (CAST(? AS VARCHAR) IS NULL OR report_id = ?)
)
SELECT
    v.report_id,
    v.outlet,
    v.title,
    v.url,
    v.version_no,
    timezone('UTC', v.captured_at) AS captured_at,
    v.is_reconstructed
FROM v_versions v
JOIN tracked USING (report_id)
ORDER BY v.outlet, v.report_id, v.version_no;
