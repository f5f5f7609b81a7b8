"""The analyst queries the benchmark times at scale: the README's and warehouse/README.md's
examples, the newest correction-log entries, and one report's history."""

# The README's example queries, the newest correction-log entries, and one report's history.
ANALYST_QUERIES: dict[str, str] = {
    "versions_per_report": "SELECT report_id, count(*) AS versions, "
    "max(captured_at)::DATE AS last_captured FROM v_versions GROUP BY report_id "
    "ORDER BY report_id",
    "changed_sentences": "SELECT report_id, from_version, to_version, before_text, after_text "
    "FROM v_changes WHERE op = 'changed'",
    "declared_corrections": "SELECT report_id, version_no, kind, note_text FROM v_corrections "
    "ORDER BY report_id, version_no",
    "correction_log_latest_100": "SELECT * FROM v_correction_log "
    "ORDER BY to_captured_at DESC LIMIT 100",
    "report_history_versions": "SELECT version_no, captured_at, title, text FROM v_versions "
    "WHERE report_id = 'scale-4242' ORDER BY version_no",
    "report_history_changes": "SELECT to_version, change_no, op, kinds, before_text, after_text "
    "FROM v_changes WHERE report_id = 'scale-4242' ORDER BY to_version, change_no",
}
