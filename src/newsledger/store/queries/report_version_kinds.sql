-- Changes per kind for each version of the given reports ('unclassified' when unlabelled).
SELECT report_id, to_version, kind, count(*) AS n
FROM (
    SELECT
        report_id,
        to_version,
        unnest(coalesce(kinds, ['unclassified'])) AS kind
    FROM v_changes
    WHERE report_id IN (SELECT unnest(?::VARCHAR[]))
)
GROUP BY ALL
ORDER BY report_id, to_version, kind;
