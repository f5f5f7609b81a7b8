-- The report ids a typed id could mean: itself first when it is one, then those it starts,
-- at most 11 (enough to say "ambiguous" and show ten).
SELECT report_id
FROM reports
WHERE starts_with(report_id, ?)
ORDER BY report_id = ? DESC, report_id
LIMIT 11;
