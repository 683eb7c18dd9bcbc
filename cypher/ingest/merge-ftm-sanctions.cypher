// Writes a batch of FtM Sanction rows: a ListEntry le-ftm-<id> (program SANCTION; the program text as its
// name; authority, dates, status, country, reason as notes, source URL, ftmId) and (entity)-[:LISTED]->(it).
// The sanctioned entity is found by ftmId (the ftm format reads sanctions after every entity of the file);
// a row whose entity is not in the graph is not written and comes back in `rejected` (row: its index in $rows).
// params: $rows: list of FtM sanction rows (domain/sources/ftm.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written, rejected
// mode: write
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
WITH i, row, head(COLLECT { MATCH (n:Company {ftmId: row.entity}) RETURN n UNION MATCH (n:Person {ftmId: row.entity}) RETURN n }) AS e
WITH collect(CASE WHEN e IS NULL THEN {row: i, field: 'properties.entity', reason: 'names no Company or Person loaded by this file or an earlier FtM import', value: row.entity} END) AS rejected,
     collect(CASE WHEN e IS NOT NULL THEN {row: row, entity: e} END) AS good
CALL (good) {
  UNWIND good AS g
  WITH g.row AS row, g.row.entry AS x, g.entity AS e
  MERGE (l:Entity:ListEntry {id: x.id})
    ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
    ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
  SET l.program = x.program, l.name = x.name, l.authority = x.authority, l.effectiveDate = date(x.effectiveDate),
      l.endDate = date(x.endDate), l.status = x.status, l.country = x.country, l.notes = x.notes, l.sourceUrl = x.sourceUrl,
      l.ftmId = row.ftmId,
      l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END
  MERGE (e)-[r:LISTED]->(l)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END
  RETURN count(r) AS written
}
RETURN written, rejected
