// Writes a batch of persons from a registry-style file. The name follows source precedence as for companies
// (nameRank: list 1 < registry 2 < manifest or mention 3 < bare registry id 4; on a tie the latest wins);
// every other spelling is kept as an alias, except the stub name of a person first met by registry id only.
// Links the person to their country.
// params: $rows: list of person rows (domain/sources/persons.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written
// mode: write
UNWIND $rows AS row
MERGE (p:Entity:Person {id: row.id})
  ON CREATE SET p.aliases = [], p.firstSeen = datetime($seenAt), p.importIds = [$importId]
  ON MATCH SET p.importIds = CASE WHEN $importId IN p.importIds THEN p.importIds ELSE p.importIds + $importId END
WITH p, row, p.nameRank IS NULL OR row.nameRank <= p.nameRank AS wins
WITH p, row, wins, CASE WHEN wins THEN row.name ELSE p.name END AS name
SET p.aliases = reduce(acc = [], a IN coalesce(p.aliases, []) + row.aliases + [row.name] + CASE WHEN p.nameRank = 4 THEN [] ELSE [p.name] END |
      CASE WHEN a IS NULL OR a = name OR a IN acc THEN acc ELSE acc + a END),
    p.name = name,
    p.normName = CASE WHEN wins THEN row.normName ELSE p.normName END,
    p.nameRank = CASE WHEN wins THEN row.nameRank ELSE p.nameRank END,
    p.country = coalesce(row.country, p.country),
    p.lastSeen = CASE WHEN p.lastSeen > datetime($seenAt) THEN p.lastSeen ELSE datetime($seenAt) END
// Country nodes exist already (ingest/merge-places ran before this batch).
FOREACH (placeId IN [x IN ['ct-' + row.country] WHERE x IS NOT NULL] |
  MERGE (place:Entity {id: placeId})
  MERGE (p)-[l:LOCATED_IN]->(place)
    ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
    ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
  SET l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END)
RETURN count(p) AS written
