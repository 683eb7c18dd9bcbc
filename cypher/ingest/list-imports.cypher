// Imports, newest first: what was loaded, by whom, when, how it ended and its row counts.
// params: $offset: integer, $limit: integer
// returns: import
// mode: read
MATCH (i:Import)
RETURN i {.id, .kind, .fileName, .sha256, .bytes, .requestedBy, .status, .runs, .rowsRead, .rowsWritten, .rowsRejected, .error,
          firstLoadedAt: toString(i.firstLoadedAt), startedAt: toString(i.startedAt), finishedAt: toString(i.finishedAt)} AS import
ORDER BY i.firstLoadedAt DESC, i.id
SKIP $offset LIMIT $limit
