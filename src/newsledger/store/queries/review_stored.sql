-- Whether exactly this review is stored already: a queued review drained twice lands once.
-- Params: entry_id, status, reviewed_by, reviewed_at, note.
SELECT count(*) AS n
FROM reviews
WHERE entry_id = ?
  AND status = ?
  AND reviewed_by = ?
  AND reviewed_at = ?
  AND note IS NOT DISTINCT FROM ?;
