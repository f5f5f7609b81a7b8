-- Each change keeps its kinds (sorted) and the evidence for each kind on its own row, written
-- with it, so v_changes reads one row per change instead of grouping change_kinds on every
-- query (0.9 s at a million versions). change_kinds stays the one-row-per-label record.
ALTER TABLE changes ADD COLUMN kinds VARCHAR[];
ALTER TABLE changes ADD COLUMN evidence MAP(VARCHAR, VARCHAR);

UPDATE changes c SET kinds = k.kinds, evidence = k.evidence
FROM (
    SELECT report_id, to_version, change_no,
           list(kind ORDER BY kind) AS kinds,
           map_from_entries(
               list({'key': kind, 'value': evidence} ORDER BY kind)
                   FILTER (WHERE coalesce(evidence, '') <> '')
           ) AS evidence
    FROM change_kinds
    GROUP BY ALL
) k
WHERE k.report_id = c.report_id AND k.to_version = c.to_version AND k.change_no = c.change_no;
