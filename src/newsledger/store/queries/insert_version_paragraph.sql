-- Bulk: one list per column.
INSERT INTO version_paragraphs (report_id, version_no, position, paragraph_hash)
SELECT * FROM (SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]),
                      unnest(?::VARCHAR[]));
