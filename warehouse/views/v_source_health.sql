-- Per source (feed or article list): last success, failures in a row, 304 share, latency.
-- "Failures in a row" counts the source's own polls (its feed fetches) since its last good
-- one; page errors are counted apart, since one broken article does not make a feed sick.
CREATE OR REPLACE VIEW v_source_health AS
WITH polls AS (
    SELECT
        source_name,
        max(fetched_at) FILTER (WHERE error_class IS NULL) AS last_success_at,
        max(fetched_at) AS last_poll_at
    FROM fetches
    WHERE source_name IS NOT NULL AND purpose = 'feed'
    GROUP BY source_name
)
SELECT
    f.source_name,
    count(*) AS fetches,
    any_value(p.last_success_at) AS last_success_at,
    count(*) FILTER (
        WHERE f.purpose = 'feed' AND f.error_class IS NOT NULL
          AND (p.last_success_at IS NULL OR f.fetched_at > p.last_success_at)
    ) AS failures_in_a_row,
    round(avg(CASE WHEN f.status = 304 THEN 1.0 ELSE 0.0 END), 3) AS share_304,
    round(avg(f.elapsed_ms), 1) AS mean_latency_ms,
    count(*) FILTER (WHERE f.error_class IS NOT NULL) AS errors,
    count(*) FILTER (WHERE f.purpose = 'page' AND f.error_class IS NOT NULL) AS page_errors,
    max(f.fetched_at) AS last_fetch_at
FROM fetches f
LEFT JOIN polls p USING (source_name)
WHERE f.source_name IS NOT NULL
GROUP BY f.source_name;
