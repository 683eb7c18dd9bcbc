// Writes a batch of officer rows: (Person)-[:OFFICER_OF {role, startDate, endDate}]->(Company), one
// relationship per person, company and role (a repeated row updates it; a known date is never erased).
// Person and company are MERGEd when absent. A spelling met here is a mention (nameRank 3, as a manifest's):
// it names an entity this statement creates, or replaces a stub named by a bare registry id (rank 4), and is
// otherwise kept as an alias. Both are linked to the country given with them.
// params: $rows: list of officer rows (domain/sources/officers.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written
// mode: write
UNWIND $rows AS row
WITH row, row.person AS ref
MERGE (p:Entity:Person {id: ref.id})
  ON CREATE SET p.aliases = [], p.firstSeen = datetime($seenAt), p.importIds = [$importId]
  ON MATCH SET p.importIds = CASE WHEN $importId IN p.importIds THEN p.importIds ELSE p.importIds + $importId END
WITH row, ref, p, p.name IS NULL OR ref.nameRank < coalesce(p.nameRank, 3) AS wins
WITH row, ref, p, wins, CASE WHEN wins THEN ref.name ELSE p.name END AS name
SET p.aliases = reduce(acc = [], a IN coalesce(p.aliases, []) + CASE WHEN ref.nameRank = 4 THEN [] ELSE [ref.name] END + CASE WHEN p.nameRank = 4 THEN [] ELSE [p.name] END |
      CASE WHEN a IS NULL OR a = name OR a IN acc THEN acc ELSE acc + a END),
    p.name = name,
    p.normName = CASE WHEN wins THEN ref.normName ELSE p.normName END,
    p.nameRank = CASE WHEN wins THEN ref.nameRank ELSE p.nameRank END,
    p.country = coalesce(p.country, ref.country),
    p.lastSeen = CASE WHEN p.lastSeen > datetime($seenAt) THEN p.lastSeen ELSE datetime($seenAt) END
FOREACH (placeId IN [x IN ['ct-' + ref.country] WHERE x IS NOT NULL AND p.country = ref.country] |
  MERGE (place:Entity {id: placeId})
  MERGE (p)-[l:LOCATED_IN]->(place)
    ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
    ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
  SET l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END)
WITH row, p, row.company AS ref
MERGE (c:Entity:Company {id: ref.id})
  ON CREATE SET c.aliases = [], c.firstSeen = datetime($seenAt), c.importIds = [$importId]
  ON MATCH SET c.importIds = CASE WHEN $importId IN c.importIds THEN c.importIds ELSE c.importIds + $importId END
WITH row, p, ref, c, c.name IS NULL OR ref.nameRank < coalesce(c.nameRank, 3) AS wins
WITH row, p, ref, c, wins, CASE WHEN wins THEN ref.name ELSE c.name END AS name
SET c.aliases = reduce(acc = [], a IN coalesce(c.aliases, []) + CASE WHEN ref.nameRank = 4 THEN [] ELSE [ref.name] END + CASE WHEN c.nameRank = 4 THEN [] ELSE [c.name] END |
      CASE WHEN a IS NULL OR a = name OR a IN acc THEN acc ELSE acc + a END),
    c.name = name,
    c.normName = CASE WHEN wins THEN ref.normName ELSE c.normName END,
    c.nameRank = CASE WHEN wins THEN ref.nameRank ELSE c.nameRank END,
    c.country = coalesce(c.country, ref.country),
    c.lastSeen = CASE WHEN c.lastSeen > datetime($seenAt) THEN c.lastSeen ELSE datetime($seenAt) END
FOREACH (placeId IN [x IN ['ct-' + ref.country] WHERE x IS NOT NULL AND c.country = ref.country] |
  MERGE (place:Entity {id: placeId})
  MERGE (c)-[l:LOCATED_IN]->(place)
    ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
    ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
  SET l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END)
MERGE (p)-[r:OFFICER_OF {role: row.role}]->(c)
  ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
  ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
SET r.startDate = coalesce(date(row.startDate), r.startDate),
    r.endDate = coalesce(date(row.endDate), r.endDate),
    r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END
RETURN count(r) AS written
