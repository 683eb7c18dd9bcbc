// Writes a batch of DOL goods: for each good x country a ListEntry (program DOL: the good, its sector, the
// child labour / forced labour / forced child labour / derived flags) that COVERS its Country and the
// Product nodes of the good's HS headings. Country and Product nodes exist already (ingest/merge-places and
// ingest/merge-products ran before this batch); they carry no import ids, the COVERS edges do.
// params: $rows: list of DOL good rows (domain/sources/dolgoods.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written
// mode: write
UNWIND $rows AS row
UNWIND row.entries AS e
MERGE (le:Entity:ListEntry {id: e.id})
  ON CREATE SET le.firstSeen = datetime($seenAt), le.importIds = [$importId]
  ON MATCH SET le.importIds = CASE WHEN $importId IN le.importIds THEN le.importIds ELSE le.importIds + $importId END
SET le.program = e.program, le.name = e.name, le.good = e.good, le.sector = e.sector, le.country = e.country,
    le.childLabor = e.childLabor, le.forcedLabor = e.forcedLabor, le.forcedChildLabor = e.forcedChildLabor,
    le.derived = e.derived, le.derivedFrom = e.derivedFrom,
    le.lastSeen = CASE WHEN le.lastSeen > datetime($seenAt) THEN le.lastSeen ELSE datetime($seenAt) END
MERGE (ct:Entity:Country {id: e.countryId})
MERGE (le)-[c:COVERS]->(ct)
  ON CREATE SET c.firstSeen = datetime($seenAt), c.importIds = [$importId]
  ON MATCH SET c.importIds = CASE WHEN $importId IN c.importIds THEN c.importIds ELSE c.importIds + $importId END
SET c.lastSeen = CASE WHEN c.lastSeen > datetime($seenAt) THEN c.lastSeen ELSE datetime($seenAt) END
FOREACH (pid IN row.productIds |
  MERGE (pr:Entity:Product {id: pid})
  MERGE (le)-[r:COVERS]->(pr)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END)
RETURN count(le) AS written
