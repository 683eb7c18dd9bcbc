// Writes a batch of FtM entities (domain/sources/ftm.ts): companies (co-ftm-<id>) and persons (pe-ftm-<id>),
// each with its FtM id in `ftmId` (relationship entities find their ends by it). Names follow source
// precedence as in merge-companies (FtM is a registry: nameRank 2); other spellings are kept as aliases
// (never the stub name, rank 4, of an entity first met by a bare registry id). Companies also get their
// address text and identifiers (added, never dropped). Both are linked to their country. Address rows of the
// batch are skipped here: their text is already on the entities that use them.
// params: $rows: list of FtM rows (domain/sources/ftm.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written
// mode: write
UNWIND $rows AS row
WITH row WHERE row.sort = 'entity'
// The label per kind, fixed in each branch (never taken from input); then the node by its id for the rest.
FOREACH (_ IN CASE WHEN row.kind = 'Company' THEN [1] ELSE [] END |
  MERGE (c:Entity:Company {id: row.id})
    ON CREATE SET c.aliases = [], c.identifiers = [], c.firstSeen = datetime($seenAt), c.importIds = [$importId])
FOREACH (_ IN CASE WHEN row.kind = 'Person' THEN [1] ELSE [] END |
  MERGE (p:Entity:Person {id: row.id})
    ON CREATE SET p.aliases = [], p.firstSeen = datetime($seenAt), p.importIds = [$importId])
WITH row
MATCH (n:Entity {id: row.id})
WITH n, row, n.nameRank IS NULL OR row.nameRank <= n.nameRank AS wins
WITH n, row, wins, CASE WHEN wins THEN row.name ELSE n.name END AS name
SET n.importIds = CASE WHEN $importId IN n.importIds THEN n.importIds ELSE n.importIds + $importId END,
    n.aliases = reduce(acc = [], a IN coalesce(n.aliases, []) + row.aliases + [row.name] + CASE WHEN n.nameRank = 4 THEN [] ELSE [n.name] END |
      CASE WHEN a IS NULL OR a = name OR a IN acc THEN acc ELSE acc + a END),
    n.name = name,
    n.normName = CASE WHEN wins THEN row.normName ELSE n.normName END,
    n.nameRank = CASE WHEN wins THEN row.nameRank ELSE n.nameRank END,
    n.country = coalesce(row.country, n.country),
    n.ftmId = row.ftmId,
    n.lastSeen = CASE WHEN n.lastSeen > datetime($seenAt) THEN n.lastSeen ELSE datetime($seenAt) END
FOREACH (_ IN CASE WHEN row.kind = 'Company' THEN [1] ELSE [] END |
  SET n.address = coalesce(row.address, n.address),
      n.identifiers = reduce(acc = coalesce(n.identifiers, []), i IN row.identifiers | CASE WHEN i IN acc THEN acc ELSE acc + i END))
// Country nodes exist already (ingest/merge-places ran before this batch).
FOREACH (placeId IN [x IN ['ct-' + row.country] WHERE x IS NOT NULL] |
  MERGE (place:Entity {id: placeId})
  MERGE (n)-[l:LOCATED_IN]->(place)
    ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
    ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
  SET l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END)
RETURN count(n) AS written
