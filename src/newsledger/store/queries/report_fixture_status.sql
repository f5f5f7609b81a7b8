-- Test fixtures only: pins the status of every transition of one report.
UPDATE transitions SET status = ? WHERE report_id = ?;
