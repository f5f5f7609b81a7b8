-- Bulk: one list per column.
INSERT INTO fact_claims
SELECT * FROM (
    SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]),
           unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::DOUBLE[]),
           unnest(?::DOUBLE[]), unnest(?::BOOLEAN[]), unnest(?::VARCHAR[]),
           unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::BOOLEAN[])
);
