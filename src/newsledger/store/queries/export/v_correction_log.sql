SELECT *, to_captured_at::DATE AS capture_date FROM v_correction_log
