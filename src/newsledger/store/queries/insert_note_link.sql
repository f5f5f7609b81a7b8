-- Bulk: one list per column.
INSERT INTO note_links (report_id, version_no, note_no, change_no, score)
SELECT * FROM (SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]),
                      unnest(?::INTEGER[]), unnest(?::DOUBLE[]));
