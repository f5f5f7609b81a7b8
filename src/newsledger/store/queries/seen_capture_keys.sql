SELECT capture_key FROM captures WHERE capture_key IN (SELECT unnest(?::VARCHAR[]));
