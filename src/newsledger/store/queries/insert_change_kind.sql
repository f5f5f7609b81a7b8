-- Bulk: one list per column.
INSERT INTO change_kinds (report_id, to_version, change_no, kind, evidence)
SELECT * FROM (SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]),
                      unnest(?::VARCHAR[]), unnest(?::VARCHAR[]));
