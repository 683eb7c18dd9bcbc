// Waits until every index is online (after the schema is applied), so searches see a complete index.
// params: none
// returns: nothing
// mode: read
CALL db.awaitIndexes(300)
