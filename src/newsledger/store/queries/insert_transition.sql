-- Bulk: one list per column.
INSERT INTO transitions (report_id, from_version, to_version, status, n_changes, entry_id, kinds, notes)
SELECT * FROM (SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]),
                      unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]),
                      unnest(?::VARCHAR[][]), unnest(?::VARCHAR[][]));
