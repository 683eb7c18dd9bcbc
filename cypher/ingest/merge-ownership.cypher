// Writes a batch of ownership rows: (Company|Person)-[:OWNS {percentage, startDate, endDate}]->(Company), one
// relationship per owner and owned company (a repeated row updates it; a known value is never erased).
// Owner and owned company are MERGEd when absent; the owner's label is fixed per branch of its kind (never
// taken from input). A spelling met here is a mention (nameRank 3, as a manifest's): it names an entity this
// statement creates, or replaces a stub named by a bare registry id (rank 4), and is otherwise kept as an
// alias. Both are linked to the country given with them.
// params: $rows: list of ownership rows (domain/sources/ownership.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written
// mode: write
UNWIND $rows AS row
WITH row, row.owned AS ref
MERGE (c:Entity:Company {id: ref.id})
  ON CREATE SET c.aliases = [], c.firstSeen = datetime($seenAt), c.importIds = [$importId]
  ON MATCH SET c.importIds = CASE WHEN $importId IN c.importIds THEN c.importIds ELSE c.importIds + $importId END
WITH row, ref, c, c.name IS NULL OR ref.nameRank < coalesce(c.nameRank, 3) AS wins
WITH row, ref, c, wins, CASE WHEN wins THEN ref.name ELSE c.name END AS name
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
// The owner, created with its label per kind; then found by its id (unique across kinds) for the rest.
WITH row, c, row.owner AS ref
FOREACH (_ IN CASE WHEN row.ownerKind = 'company' THEN [1] ELSE [] END |
  MERGE (o:Entity:Company {id: ref.id})
    ON CREATE SET o.aliases = [], o.firstSeen = datetime($seenAt), o.importIds = [$importId])
FOREACH (_ IN CASE WHEN row.ownerKind = 'person' THEN [1] ELSE [] END |
  MERGE (o:Entity:Person {id: ref.id})
    ON CREATE SET o.aliases = [], o.firstSeen = datetime($seenAt), o.importIds = [$importId])
WITH row, c, ref
MATCH (o:Entity {id: ref.id})
WITH row, c, ref, o, o.name IS NULL OR ref.nameRank < coalesce(o.nameRank, 3) AS wins
WITH row, c, ref, o, wins, CASE WHEN wins THEN ref.name ELSE o.name END AS name
SET o.aliases = reduce(acc = [], a IN coalesce(o.aliases, []) + CASE WHEN ref.nameRank = 4 THEN [] ELSE [ref.name] END + CASE WHEN o.nameRank = 4 THEN [] ELSE [o.name] END |
      CASE WHEN a IS NULL OR a = name OR a IN acc THEN acc ELSE acc + a END),
    o.importIds = CASE WHEN $importId IN o.importIds THEN o.importIds ELSE o.importIds + $importId END,
    o.name = name,
    o.normName = CASE WHEN wins THEN ref.normName ELSE o.normName END,
    o.nameRank = CASE WHEN wins THEN ref.nameRank ELSE o.nameRank END,
    o.country = coalesce(o.country, ref.country),
    o.lastSeen = CASE WHEN o.lastSeen > datetime($seenAt) THEN o.lastSeen ELSE datetime($seenAt) END
FOREACH (placeId IN [x IN ['ct-' + ref.country] WHERE x IS NOT NULL AND o.country = ref.country] |
  MERGE (place:Entity {id: placeId})
  MERGE (o)-[l:LOCATED_IN]->(place)
    ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
    ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
  SET l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END)
MERGE (o)-[r:OWNS]->(c)
  ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
  ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
SET r.percentage = coalesce(row.percentage, r.percentage),
    r.startDate = coalesce(date(row.startDate), r.startDate),
    r.endDate = coalesce(date(row.endDate), r.endDate),
    r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END
RETURN count(r) AS written
