-- Test fixtures only: labels every change of one report with a kind.
INSERT INTO change_kinds (report_id, to_version, change_no, kind, evidence)
SELECT report_id, to_version, change_no, ?2, 'fixture'
FROM changes
WHERE report_id = ?1
ON CONFLICT DO NOTHING;
