-- Per feed, its failed polls since its last good one (feeds with none are left out): what a
-- feed alert counts. A failed poll is a fetch error or a feed with nothing readable in it
-- (outcome 'error' or 'feed_invalid'); a 304 or a feed with some bad entries is a good poll.
WITH last_good AS (
    SELECT
        source_name,
        max(fetched_at) FILTER (WHERE outcome NOT IN ('error', 'feed_invalid')) AS last_good_at
    FROM fetches
    WHERE purpose = 'feed' AND source_name IS NOT NULL
    GROUP BY source_name
)
SELECT f.source_name, count(*) AS failures_in_a_row
FROM fetches f
JOIN last_good g USING (source_name)
WHERE f.purpose = 'feed'
  AND f.outcome IN ('error', 'feed_invalid')
  AND (g.last_good_at IS NULL OR f.fetched_at > g.last_good_at)
GROUP BY f.source_name;
