// Writes a batch of UFLPA Entity List entries: the listed company (list spelling as its name, list aliases
// added), one ListEntry per listing (program, sections, effective date) and (Company)-[:LISTED]->(ListEntry).
// params: $rows: list of UFLPA rows (domain/rows.ts uflpaEntry output), $importId: string, $seenAt: string (ISO datetime)
// returns: written
// mode: write
UNWIND $rows AS row
WITH row, row.company AS p, row.entry AS e
MERGE (c:Entity:Company {id: p.id})
  ON CREATE SET c.aliases = [], c.firstSeen = datetime($seenAt), c.importIds = [$importId]
  ON MATCH SET c.importIds = CASE WHEN $importId IN c.importIds THEN c.importIds ELSE c.importIds + $importId END
WITH c, p, e, [a IN coalesce(c.aliases, []) + p.aliases + CASE WHEN c.name IS NULL OR c.name = p.name THEN [] ELSE [c.name] END WHERE a <> p.name] AS aliases
SET c.name = p.name, c.normName = p.normName, c.country = p.country,
    c.aliases = reduce(acc = [], a IN aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END),
    c.lastSeen = CASE WHEN c.lastSeen > datetime($seenAt) THEN c.lastSeen ELSE datetime($seenAt) END
MERGE (l:Entity:ListEntry {id: e.id})
  ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
  ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
SET l.program = e.program, l.name = e.name, l.sections = e.sections, l.effectiveDate = date(e.effectiveDate),
    l.includesSubsidiaries = e.includesSubsidiaries, l.notes = e.notes,
    l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END
MERGE (c)-[r:LISTED]->(l)
  ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
  ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
SET r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END
RETURN count(l) AS written
