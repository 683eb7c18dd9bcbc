// Writes a batch of companies from a registry-style file. The file's spelling becomes the name (a prior
// manifest spelling is kept as an alias); aliases and identifiers are added, never dropped.
// params: $rows: list of company rows (domain/rows.ts companyRow output), $importId: string, $seenAt: string (ISO datetime)
// returns: written
// mode: write
UNWIND $rows AS row
MERGE (c:Entity:Company {id: row.id})
  ON CREATE SET c.aliases = [], c.identifiers = [], c.firstSeen = datetime($seenAt), c.importIds = [$importId]
  ON MATCH SET c.importIds = CASE WHEN $importId IN c.importIds THEN c.importIds ELSE c.importIds + $importId END
WITH c, row, [a IN coalesce(c.aliases, []) + row.aliases + CASE WHEN c.name IS NULL OR c.name = row.name THEN [] ELSE [c.name] END WHERE a <> row.name] AS aliases
SET c.name = row.name, c.normName = row.normName, c.country = row.country,
    c.address = coalesce(row.address, c.address),
    c.aliases = reduce(acc = [], a IN aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END),
    c.identifiers = reduce(acc = coalesce(c.identifiers, []), i IN row.identifiers | CASE WHEN i IN acc THEN acc ELSE acc + i END),
    c.lastSeen = CASE WHEN c.lastSeen > datetime($seenAt) THEN c.lastSeen ELSE datetime($seenAt) END
RETURN count(c) AS written
