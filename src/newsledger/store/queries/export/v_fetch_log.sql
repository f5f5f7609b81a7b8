SELECT *, fetched_at::DATE AS capture_date FROM v_fetch_log
