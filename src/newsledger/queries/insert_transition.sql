INSERT INTO transitions (report_id, from_version, to_version, status, n_changes)
VALUES (?, ?, ?, ?, ?);
