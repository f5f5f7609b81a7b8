-- Stories and fact timelines built from fewer (or other) versions than the warehouse holds.
WITH now_held AS (SELECT count(*) AS n FROM versions)
SELECT 'stories',
       CASE WHEN d.name IS NULL THEN 'never built from the ' || h.n || ' versions held'
            ELSE 'built ' || strftime(d.built_at, '%Y-%m-%d %H:%M:%S%z') || ' from '
                 || d.versions_seen || ' versions; ' || h.n || ' are held now'
       END || ': stale until the next ingest rebuilds them'
FROM now_held h
LEFT JOIN derived_state d ON d.name = 'stories'
WHERE h.n > 0 AND (d.name IS NULL OR d.versions_seen <> h.n);
