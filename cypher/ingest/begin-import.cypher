// Records that an import (one file of one kind) has started. The first start fixes firstLoadedAt, which
// is the time every fact of this import is "seen" at, so re-running the same file changes nothing.
// Returns the status the import had before (null for a new import; "completed" for a re-run).
// params: $id: string, $kind: string, $fileName: string, $sha256: string, $bytes: integer, $requestedBy: string
// returns: seenAt, previousStatus
// mode: write
MERGE (i:Import {id: $id})
  ON CREATE SET i.firstLoadedAt = datetime(), i.kind = $kind, i.sha256 = $sha256, i.fileName = $fileName,
                i.bytes = $bytes, i.requestedBy = $requestedBy, i.runs = 0
WITH i, i.status AS previousStatus
SET i.status = 'running', i.startedAt = datetime(), i.runs = i.runs + 1, i.error = null
RETURN toString(i.firstLoadedAt) AS seenAt, previousStatus
