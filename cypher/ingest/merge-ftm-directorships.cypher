// Writes a batch of FtM Directorship rows: (Person)-[:OFFICER_OF {role, startDate, endDate, ftmId}]->(Company),
// one relationship per person, company and role, as merge-officers does (a known date is never erased; the
// first FtM id is kept). Both ends are found by ftmId (the ftm format reads relationships after every
// entity of the file). A row whose director or organization is not in the graph, or is of the other kind
// (a company as director), is not written and comes back in `rejected` (row: its index in $rows).
// params: $rows: list of FtM directorship rows (domain/sources/ftm.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written, rejected
// mode: write
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
WITH i, row,
     head(COLLECT { MATCH (n:Person {ftmId: row.director}) RETURN n UNION MATCH (n:Company {ftmId: row.director}) RETURN n }) AS p,
     head(COLLECT { MATCH (n:Company {ftmId: row.organization}) RETURN n UNION MATCH (n:Person {ftmId: row.organization}) RETURN n }) AS c
WITH i, row, p, c,
     CASE
       WHEN p IS NULL THEN {field: 'properties.director', reason: 'names no Company or Person loaded by this file or an earlier FtM import', value: row.director}
       WHEN NOT p:Person THEN {field: 'properties.director', reason: 'is a Company: only persons are officers (OFFICER_OF) in Threadline', value: row.director}
       WHEN c IS NULL THEN {field: 'properties.organization', reason: 'names no Company or Person loaded by this file or an earlier FtM import', value: row.organization}
       WHEN NOT c:Company THEN {field: 'properties.organization', reason: 'is a Person: officers serve companies', value: row.organization}
     END AS problem
WITH collect(CASE WHEN problem IS NOT NULL THEN {row: i, field: problem.field, reason: problem.reason, value: problem.value} END) AS rejected,
     collect(CASE WHEN problem IS NULL THEN {row: row, person: p, company: c} END) AS good
CALL (good) {
  UNWIND good AS g
  WITH g.row AS row, g.person AS p, g.company AS c
  MERGE (p)-[r:OFFICER_OF {role: row.role}]->(c)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.startDate = coalesce(date(row.startDate), r.startDate),
      r.endDate = coalesce(date(row.endDate), r.endDate),
      r.ftmId = coalesce(r.ftmId, row.ftmId),
      r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END
  RETURN count(r) AS written
}
RETURN written, rejected
