// Writes a batch of UFLPA Entity List entries: the listed company (the list's spelling wins as its name:
// nameRank 1; other spellings kept as aliases), one ListEntry per listing (program, sections, effective
// date) and (Company)-[:LISTED]->(ListEntry), and the company's LOCATED_IN its country.
// params: $rows: list of UFLPA rows (domain/sources/uflpa.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written
// mode: write
UNWIND $rows AS row
WITH row, row.company AS p, row.entry AS e
MERGE (c:Entity:Company {id: p.id})
  ON CREATE SET c.aliases = [], c.firstSeen = datetime($seenAt), c.importIds = [$importId]
  ON MATCH SET c.importIds = CASE WHEN $importId IN c.importIds THEN c.importIds ELSE c.importIds + $importId END
WITH c, p, e, c.nameRank IS NULL OR p.nameRank <= c.nameRank AS wins
WITH c, p, e, wins, CASE WHEN wins THEN p.name ELSE c.name END AS name
SET c.aliases = reduce(acc = [], a IN coalesce(c.aliases, []) + p.aliases + [p.name, c.name] |
      CASE WHEN a IS NULL OR a = name OR a IN acc THEN acc ELSE acc + a END),
    c.name = name,
    c.normName = CASE WHEN wins THEN p.normName ELSE c.normName END,
    c.nameRank = CASE WHEN wins THEN p.nameRank ELSE c.nameRank END,
    c.country = coalesce(p.country, c.country),
    c.lastSeen = CASE WHEN c.lastSeen > datetime($seenAt) THEN c.lastSeen ELSE datetime($seenAt) END
FOREACH (placeId IN [x IN ['ct-' + p.country] WHERE x IS NOT NULL] |
  MERGE (place:Entity {id: placeId})
  MERGE (c)-[l:LOCATED_IN]->(place)
    ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
    ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
  SET l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END)
MERGE (l:Entity:ListEntry {id: e.id})
  ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
  ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
SET l.program = e.program, l.name = e.name, l.sections = e.sections, l.effectiveDate = date(e.effectiveDate),
    l.includesSubsidiaries = e.includesSubsidiaries, l.country = e.country, l.notes = e.notes,
    l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END
MERGE (c)-[r:LISTED]->(l)
  ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
  ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
SET r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END
RETURN count(l) AS written
