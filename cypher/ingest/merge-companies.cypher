// Writes a batch of companies from a registry-style file. The name follows source precedence (nameRank:
// list 1 < registry 2 < manifest 3; on a tie the latest wins); every other spelling is kept as an alias.
// Identifiers and aliases are added, never dropped. Links the company to its country and region.
// params: $rows: list of company rows (domain/sources/companies.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written
// mode: write
UNWIND $rows AS row
MERGE (c:Entity:Company {id: row.id})
  ON CREATE SET c.aliases = [], c.identifiers = [], c.firstSeen = datetime($seenAt), c.importIds = []
// The write lock before the lists are read (a dummy property, removed below), so a concurrent writer's
// aliases, identifiers or import ids are never overwritten.
SET c._lock = true
SET c.importIds = CASE WHEN $importId IN c.importIds THEN c.importIds ELSE coalesce(c.importIds, []) + $importId END
WITH c, row, c.nameRank IS NULL OR row.nameRank <= c.nameRank AS wins
WITH c, row, wins, CASE WHEN wins THEN row.name ELSE c.name END AS name
// A stub's name (a bare registry id, nameRank 4, cypher/ingest/merge-ownership) is no spelling worth keeping.
SET c.aliases = reduce(acc = [], a IN coalesce(c.aliases, []) + row.aliases + [row.name, CASE WHEN c.nameRank = 4 THEN null ELSE c.name END] |
      CASE WHEN a IS NULL OR a = name OR a IN acc THEN acc ELSE acc + a END),
    c.name = name,
    c.normName = CASE WHEN wins THEN row.normName ELSE c.normName END,
    c.nameRank = CASE WHEN wins THEN row.nameRank ELSE c.nameRank END,
    c.country = coalesce(row.country, c.country),
    c.region = coalesce(row.region, c.region),
    c.address = coalesce(row.address, c.address),
    c.identifiers = reduce(acc = coalesce(c.identifiers, []), i IN row.identifiers | CASE WHEN i IN acc THEN acc ELSE acc + i END),
    c.lastSeen = CASE WHEN c.lastSeen > datetime($seenAt) THEN c.lastSeen ELSE datetime($seenAt) END
REMOVE c._lock
// Country and region nodes exist already (ingest/merge-places ran before this batch).
FOREACH (placeId IN [x IN ['ct-' + row.country, 'rg-' + row.region] WHERE x IS NOT NULL] |
  MERGE (place:Entity {id: placeId})
  MERGE (c)-[l:LOCATED_IN]->(place)
    ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
    ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
  SET l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END)
RETURN count(c) AS written
