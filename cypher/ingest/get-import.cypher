// One import's record: file, kind, status, counts and its rejects sample.
// params: $id: string
// returns: import
// mode: read
MATCH (i:Import {id: $id})
RETURN i {.*, firstLoadedAt: toString(i.firstLoadedAt), startedAt: toString(i.startedAt), finishedAt: toString(i.finishedAt)} AS import
