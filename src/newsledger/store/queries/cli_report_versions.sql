-- Versions of one report, and which were reconstructed.
SELECT version_no, is_reconstructed FROM v_versions WHERE report_id = ? ORDER BY version_no;
