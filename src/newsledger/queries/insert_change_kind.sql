INSERT INTO change_kinds (report_id, to_version, change_no, kind, evidence)
VALUES (?, ?, ?, ?, ?);
