-- For change_kinds rows written straight into the table (synthetic warehouses, test
-- fixtures): the kinds and evidence the ingest path writes on each change row, from them.
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
