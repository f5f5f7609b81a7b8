SELECT *, captured_at::DATE AS capture_date FROM v_changes
