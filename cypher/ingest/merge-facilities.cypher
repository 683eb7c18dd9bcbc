// Writes a batch of facilities from a registry-style file (e.g. Open Supply Hub): the site with its name
// (nameRank precedence as for companies; other spellings kept as aliases), address, coordinates and OS ID,
// LOCATED_IN its country and region, and (Company)-[:OPERATES]->(Facility) for its operator. The operator
// is MERGEd when absent. Its spelling (registry-grade, rank 2) becomes its name only when it ranks strictly
// better than the name it has (a manifest's or a mention's spelling, or a stub named by a bare registry id):
// a companies file's or a list's name is never replaced by a facility file, whichever is loaded first.
// params: $rows: list of facility rows (domain/sources/facilities.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written
// mode: write
UNWIND $rows AS row
MERGE (f:Entity:Facility {id: row.id})
  ON CREATE SET f.aliases = [], f.firstSeen = datetime($seenAt), f.importIds = [$importId]
  ON MATCH SET f.importIds = CASE WHEN $importId IN f.importIds THEN f.importIds ELSE f.importIds + $importId END
WITH f, row, f.nameRank IS NULL OR row.nameRank <= f.nameRank AS wins
WITH f, row, wins, CASE WHEN wins THEN row.name ELSE f.name END AS name
SET f.aliases = reduce(acc = [], a IN coalesce(f.aliases, []) + row.aliases + [row.name, f.name] |
      CASE WHEN a IS NULL OR a = name OR a IN acc THEN acc ELSE acc + a END),
    f.name = name,
    f.normName = CASE WHEN wins THEN row.normName ELSE f.normName END,
    f.nameRank = CASE WHEN wins THEN row.nameRank ELSE f.nameRank END,
    f.country = coalesce(row.country, f.country),
    f.region = coalesce(row.region, f.region),
    f.address = coalesce(row.address, f.address),
    f.latitude = coalesce(row.latitude, f.latitude),
    f.longitude = coalesce(row.longitude, f.longitude),
    f.osHubId = coalesce(row.osHubId, f.osHubId),
    f.lastSeen = CASE WHEN f.lastSeen > datetime($seenAt) THEN f.lastSeen ELSE datetime($seenAt) END
// Country and region nodes exist already (ingest/merge-places ran before this batch).
FOREACH (placeId IN [x IN ['ct-' + row.country, 'rg-' + row.region] WHERE x IS NOT NULL] |
  MERGE (place:Entity {id: placeId})
  MERGE (f)-[l:LOCATED_IN]->(place)
    ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
    ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
  SET l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END)
WITH f, row
CALL (f, row) {
  WITH f, row.operator AS op WHERE op IS NOT NULL
  MERGE (c:Entity:Company {id: op.id})
    ON CREATE SET c.aliases = [], c.firstSeen = datetime($seenAt), c.importIds = [$importId]
    ON MATCH SET c.importIds = CASE WHEN $importId IN c.importIds THEN c.importIds ELSE c.importIds + $importId END
  // A company without a rank was named by a manifest (rank 3); rank 4 is a stub named by a bare registry id.
  WITH f, op, c, c.name IS NULL OR op.nameRank < coalesce(c.nameRank, 3) AS wins
  WITH f, op, c, wins, CASE WHEN wins THEN op.name ELSE c.name END AS name
  SET c.aliases = reduce(acc = [], a IN coalesce(c.aliases, []) + CASE WHEN op.nameRank = 4 THEN [] ELSE [op.name] END + CASE WHEN c.nameRank = 4 THEN [] ELSE [c.name] END |
        CASE WHEN a IS NULL OR a = name OR a IN acc THEN acc ELSE acc + a END),
      c.name = name,
      c.normName = CASE WHEN wins THEN op.normName ELSE c.normName END,
      c.nameRank = CASE WHEN wins THEN op.nameRank ELSE c.nameRank END,
      c.country = coalesce(c.country, op.country),
      c.lastSeen = CASE WHEN c.lastSeen > datetime($seenAt) THEN c.lastSeen ELSE datetime($seenAt) END
  FOREACH (placeId IN [x IN ['ct-' + op.country] WHERE x IS NOT NULL AND c.country = op.country] |
    MERGE (place:Entity {id: placeId})
    MERGE (c)-[l:LOCATED_IN]->(place)
      ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
      ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
    SET l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END)
  MERGE (c)-[r:OPERATES]->(f)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END
}
RETURN count(f) AS written
