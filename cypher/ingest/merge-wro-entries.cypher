// Writes a batch of CBP Withhold Release Order / Finding entries: one ListEntry each (program WRO or
// FINDING, status, dates, industry, merchandise) that COVERS its country of origin, and what it names, each
// LISTED by it: companies and facilities (the list's spelling wins as their name: nameRank 1; other
// spellings kept as aliases; LOCATED_IN their country), vessels, and regions (made beforehand by
// ingest/merge-places). One FOREACH per kind, each with its own fixed label.
// params: $rows: list of WRO rows (domain/sources/wro.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written
// mode: write
UNWIND $rows AS row
WITH row, row.entry AS e
MERGE (le:Entity:ListEntry {id: e.id})
  ON CREATE SET le.firstSeen = datetime($seenAt), le.importIds = [$importId]
  ON MATCH SET le.importIds = CASE WHEN $importId IN le.importIds THEN le.importIds ELSE le.importIds + $importId END
SET le.program = e.program, le.name = e.name, le.status = e.status, le.effectiveDate = date(e.effectiveDate),
    le.industry = e.industry, le.merchandise = e.merchandise, le.country = e.country,
    le.includesSubsidiaries = e.includesSubsidiaries, le.notes = e.notes,
    le.lastSeen = CASE WHEN le.lastSeen > datetime($seenAt) THEN le.lastSeen ELSE datetime($seenAt) END
// Country of origin (the Country node exists: ingest/merge-places ran before this batch).
FOREACH (countryId IN [x IN [row.countryId] WHERE x IS NOT NULL] |
  MERGE (ct:Entity:Country {id: countryId})
  MERGE (le)-[r:COVERS]->(ct)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END)
// Companies. The SETs run in order: aliases (against the old name), then name, then nameRank.
FOREACH (p IN row.companies |
  MERGE (c:Entity:Company {id: p.id})
    ON CREATE SET c.aliases = [], c.firstSeen = datetime($seenAt), c.importIds = [$importId]
    ON MATCH SET c.importIds = CASE WHEN $importId IN c.importIds THEN c.importIds ELSE c.importIds + $importId END
  SET c.aliases = reduce(acc = [], a IN coalesce(c.aliases, []) + p.aliases + [p.name, c.name] |
        CASE WHEN a IS NULL OR a IN acc OR a = (CASE WHEN c.nameRank IS NULL OR p.nameRank <= c.nameRank THEN p.name ELSE c.name END)
             THEN acc ELSE acc + a END)
  SET c.name = CASE WHEN c.nameRank IS NULL OR p.nameRank <= c.nameRank THEN p.name ELSE c.name END,
      c.normName = CASE WHEN c.nameRank IS NULL OR p.nameRank <= c.nameRank THEN p.normName ELSE c.normName END
  SET c.nameRank = CASE WHEN c.nameRank IS NULL OR p.nameRank <= c.nameRank THEN p.nameRank ELSE c.nameRank END,
      c.country = coalesce(p.country, c.country),
      c.address = coalesce(c.address, p.address),
      c.lastSeen = CASE WHEN c.lastSeen > datetime($seenAt) THEN c.lastSeen ELSE datetime($seenAt) END
  FOREACH (placeId IN [x IN ['ct-' + p.country] WHERE x IS NOT NULL] |
    MERGE (place:Entity:Country {id: placeId})
    MERGE (c)-[l:LOCATED_IN]->(place)
      ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
      ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
    SET l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END)
  MERGE (c)-[r:LISTED]->(le)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.asSubsidiary = p.asSubsidiary,
      r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END)
// Facilities (prisons, camps, mines): as companies, under their own label.
FOREACH (p IN row.facilities |
  MERGE (f:Entity:Facility {id: p.id})
    ON CREATE SET f.aliases = [], f.firstSeen = datetime($seenAt), f.importIds = [$importId]
    ON MATCH SET f.importIds = CASE WHEN $importId IN f.importIds THEN f.importIds ELSE f.importIds + $importId END
  SET f.aliases = reduce(acc = [], a IN coalesce(f.aliases, []) + p.aliases + [p.name, f.name] |
        CASE WHEN a IS NULL OR a IN acc OR a = (CASE WHEN f.nameRank IS NULL OR p.nameRank <= f.nameRank THEN p.name ELSE f.name END)
             THEN acc ELSE acc + a END)
  SET f.name = CASE WHEN f.nameRank IS NULL OR p.nameRank <= f.nameRank THEN p.name ELSE f.name END,
      f.normName = CASE WHEN f.nameRank IS NULL OR p.nameRank <= f.nameRank THEN p.normName ELSE f.normName END
  SET f.nameRank = CASE WHEN f.nameRank IS NULL OR p.nameRank <= f.nameRank THEN p.nameRank ELSE f.nameRank END,
      f.country = coalesce(p.country, f.country),
      f.address = coalesce(f.address, p.address),
      f.lastSeen = CASE WHEN f.lastSeen > datetime($seenAt) THEN f.lastSeen ELSE datetime($seenAt) END
  FOREACH (placeId IN [x IN ['ct-' + p.country] WHERE x IS NOT NULL] |
    MERGE (place:Entity:Country {id: placeId})
    MERGE (f)-[l:LOCATED_IN]->(place)
      ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
      ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
    SET l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END)
  MERGE (f)-[r:LISTED]->(le)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.asSubsidiary = p.asSubsidiary,
      r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END)
// Vessels: one source of names so far, so the first spelling stays the name.
FOREACH (p IN row.vessels |
  MERGE (v:Entity:Vessel {id: p.id})
    ON CREATE SET v.name = p.name, v.normName = p.normName, v.aliases = [], v.firstSeen = datetime($seenAt), v.importIds = [$importId]
    ON MATCH SET v.importIds = CASE WHEN $importId IN v.importIds THEN v.importIds ELSE v.importIds + $importId END
  SET v.aliases = reduce(acc = [], a IN coalesce(v.aliases, []) + p.aliases + [p.name] |
        CASE WHEN a IS NULL OR a IN acc OR a = v.name THEN acc ELSE acc + a END),
      v.country = coalesce(p.country, v.country),
      v.lastSeen = CASE WHEN v.lastSeen > datetime($seenAt) THEN v.lastSeen ELSE datetime($seenAt) END
  MERGE (v)-[r:LISTED]->(le)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.asSubsidiary = p.asSubsidiary,
      r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END)
// Regions (reference nodes made by ingest/merge-places; they carry no import ids, the LISTED edge does).
FOREACH (g IN row.regions |
  MERGE (rg:Entity:Region {id: g.id})
  MERGE (rg)-[r:LISTED]->(le)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.asSubsidiary = false,
      r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END)
RETURN count(le) AS written
