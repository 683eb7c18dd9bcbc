// Writes a batch of shipments with their shipper, consignee and notify party (companies merged on their
// deterministic ids). Every node and relationship records the import that asserted it and first/last seen.
// A company's first spelling becomes its name; later different spellings are kept as aliases.
// params: $rows: list of shipment rows (domain/rows.ts shipmentRow output), $importId: string, $seenAt: string (ISO datetime)
// returns: written
// mode: write
UNWIND $rows AS row
MERGE (s:Entity:Shipment {id: row.id})
  ON CREATE SET s.firstSeen = datetime($seenAt), s.importIds = [$importId]
  ON MATCH SET s.importIds = CASE WHEN $importId IN s.importIds THEN s.importIds ELSE s.importIds + $importId END
SET s.name = row.billOfLading, s.billOfLading = row.billOfLading, s.arrivalDate = date(row.arrivalDate),
    s.hsCode = row.hsCode, s.description = row.description, s.portOfLading = row.portOfLading,
    s.portOfUnlading = row.portOfUnlading, s.weightKg = row.weightKg,
    s.lastSeen = CASE WHEN s.lastSeen > datetime($seenAt) THEN s.lastSeen ELSE datetime($seenAt) END
WITH s, row, [p IN [['SHIPPED', row.shipper], ['CONSIGNED_TO', row.consignee], ['NOTIFY', row.notify]] WHERE p[1] IS NOT NULL] AS parties
UNWIND parties AS party
WITH s, party[0] AS role, party[1] AS p
MERGE (c:Entity:Company {id: p.id})
  ON CREATE SET c.name = p.name, c.normName = p.normName, c.country = p.country, c.aliases = [],
                c.firstSeen = datetime($seenAt), c.importIds = [$importId]
  ON MATCH SET c.importIds = CASE WHEN $importId IN c.importIds THEN c.importIds ELSE c.importIds + $importId END
SET c.aliases = CASE WHEN p.name = c.name OR p.name IN c.aliases THEN c.aliases ELSE c.aliases + p.name END,
    c.lastSeen = CASE WHEN c.lastSeen > datetime($seenAt) THEN c.lastSeen ELSE datetime($seenAt) END
// Relationship types are fixed here, one branch per role; none comes from input.
FOREACH (_ IN CASE WHEN role = 'SHIPPED' THEN [1] ELSE [] END |
  MERGE (c)-[r:SHIPPED]->(s)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END)
FOREACH (_ IN CASE WHEN role = 'CONSIGNED_TO' THEN [1] ELSE [] END |
  MERGE (s)-[r:CONSIGNED_TO]->(c)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END)
FOREACH (_ IN CASE WHEN role = 'NOTIFY' THEN [1] ELSE [] END |
  MERGE (s)-[r:NOTIFY]->(c)
    ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
    ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
  SET r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END)
RETURN count(DISTINCT s) AS written
