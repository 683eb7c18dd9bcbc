// Proves the database answers a query (used by /api/health).
// params: none
// returns: ok
// mode: read
RETURN 1 AS ok
