-- How many versions the warehouse holds: what derived data is built from.
SELECT count(*) FROM versions;
