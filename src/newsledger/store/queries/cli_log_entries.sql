-- Every correction-log entry, newest first, for the demo's summary.
SELECT entry_id, report_id, from_version, to_version, status, kinds
FROM v_correction_log
ORDER BY to_captured_at DESC, entry_id;
