// Writes a batch of FtM Ownership rows: (Company|Person)-[:OWNS {percentage, startDate, endDate, ftmId}]->(Company),
// one relationship per owner and asset (a known value is never erased; the first FtM id is kept). Both ends
// are found by ftmId: the ftm format reads relationships in a second pass, after every entity of the file.
// A row whose owner or asset is not in the graph, or whose asset is a person, is not written and comes
// back in `rejected` (row: its index in $rows) for the rejects report.
// params: $rows: list of FtM ownership rows (domain/sources/ftm.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written, rejected
// mode: write
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
WITH i, row,
     head(COLLECT { MATCH (n:Company {ftmId: row.owner}) RETURN n UNION MATCH (n:Person {ftmId: row.owner}) RETURN n }) AS o,
     head(COLLECT { MATCH (n:Company {ftmId: row.asset}) RETURN n UNION MATCH (n:Person {ftmId: row.asset}) RETURN n }) AS c
WITH i, row, o, c,
     CASE
       WHEN o IS NULL THEN {field: 'properties.owner', reason: 'names no Company or Person loaded by this file or an earlier FtM import', value: row.owner}
       WHEN c IS NULL THEN {field: 'properties.asset', reason: 'names no Company or Person loaded by this file or an earlier FtM import', value: row.asset}
       WHEN NOT c:Company THEN {field: 'properties.asset', reason: 'is a Person: only companies are owned (OWNS) in Threadline', value: row.asset}
     END AS problem
WITH collect(CASE WHEN problem IS NOT NULL THEN {row: i, field: problem.field, reason: problem.reason, value: problem.value} END) AS rejected,
     collect(CASE WHEN problem IS NULL THEN {row: row, owner: o, asset: c} END) AS good
CALL (good) {
  UNWIND good AS g
  WITH g.row AS row, g.owner AS o, g.asset AS c
  MERGE (o)-[r:OWNS]->(c)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.percentage = coalesce(row.percentage, r.percentage),
      r.startDate = coalesce(date(row.startDate), r.startDate),
      r.endDate = coalesce(date(row.endDate), r.endDate),
      r.ftmId = coalesce(r.ftmId, row.ftmId),
      r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END
  RETURN count(r) AS written
}
RETURN written, rejected
