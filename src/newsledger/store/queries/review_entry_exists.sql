SELECT count(*) AS n FROM v_correction_log WHERE entry_id = ?;
