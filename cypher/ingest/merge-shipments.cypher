// Writes a batch of shipments with their parties (shipper, consignee, notify party, declared manufacturer:
// companies merged on their deterministic ids) and HS codes (Product nodes made by ingest/merge-products).
// Every node and relationship records the import that asserted it and first/last seen. A company first
// named by a manifest takes the manifest's spelling (nameRank 3: lists and registries override it); other
// spellings become aliases (among manifest spellings the first in sort order is the name). Rows whose shipment this import already wrote (a bill of lading repeated in the
// file, or the same file loaded again) are skipped and their ids returned, so a file is written once.
// params: $rows: list of shipment rows (domain/sources/shipments.ts), $importId: string, $seenAt: string (ISO datetime)
// returns: written, skipped
// mode: write
UNWIND $rows AS row
OPTIONAL MATCH (known:Entity:Shipment {id: row.id})
WITH collect(CASE WHEN $importId IN known.importIds THEN row.id END) AS skipped,
     collect(CASE WHEN known IS NULL OR NOT $importId IN known.importIds THEN row END) AS fresh
CALL (fresh) {
  UNWIND fresh AS row
  MERGE (s:Entity:Shipment {id: row.id})
    ON CREATE SET s.firstSeen = datetime($seenAt), s.importIds = [$importId]
    ON MATCH SET s.importIds = CASE WHEN $importId IN s.importIds THEN s.importIds ELSE s.importIds + $importId END
  SET s.name = row.billOfLading, s.billOfLading = row.billOfLading, s.arrivalDate = date(row.arrivalDate),
      s.hsCodes = row.hsCodes, s.description = row.description, s.portOfLading = row.portOfLading,
      s.portOfUnlading = row.portOfUnlading, s.countryOfOrigin = row.countryOfOrigin, s.weightKg = row.weightKg,
      s.valueUsd = row.valueUsd, s.containers = row.containers,
      s.lastSeen = CASE WHEN s.lastSeen > datetime($seenAt) THEN s.lastSeen ELSE datetime($seenAt) END
  FOREACH (code IN row.hsCodes |
    MERGE (product:Entity {id: 'hs-' + code})
    MERGE (s)-[r:OF_PRODUCT]->(product)
      ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
      ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
    SET r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END)
  WITH s, row
  UNWIND [x IN [['SHIPPED', row.shipper], ['CONSIGNED_TO', row.consignee], ['NOTIFY', row.notify], ['MADE_BY', row.manufacturer]] WHERE x[1] IS NOT NULL] AS party
  WITH s, party[0] AS role, party[1] AS p
  MERGE (c:Entity:Company {id: p.id})
    ON CREATE SET c.name = p.name, c.normName = p.normName, c.country = p.country, c.aliases = [], c.nameRank = 3,
                  c.firstSeen = datetime($seenAt), c.importIds = []
  // Most mentions of a company in a big manifest repeat what this import already said: write only news.
  // The write lock first (a dummy property, removed below): the lists are then read after any concurrent
  // writer of this company (another batch, another import) has committed, so no update is lost.
  FOREACH (_ IN CASE WHEN $importId IN c.importIds AND (p.name = c.name OR p.name IN coalesce(c.aliases, [])) THEN [] ELSE [1] END |
    SET c._lock = true
    SET c.importIds = CASE WHEN $importId IN c.importIds THEN c.importIds ELSE c.importIds + $importId END,
        c.lastSeen = CASE WHEN c.lastSeen > datetime($seenAt) THEN c.lastSeen ELSE datetime($seenAt) END
    // Among manifest spellings (nameRank 3) the name is the first in sort order, so it does not depend on the
    // order batches commit in; the others are aliases. A list's or registry's name is never touched here.
    SET c.aliases = CASE WHEN p.name = c.name OR p.name IN coalesce(c.aliases, []) THEN c.aliases
                         WHEN c.nameRank = 3 AND p.name < c.name THEN coalesce(c.aliases, []) + c.name
                         ELSE coalesce(c.aliases, []) + p.name END
    SET c.name = CASE WHEN c.nameRank = 3 AND p.name < c.name THEN p.name ELSE c.name END
    FOREACH (placeId IN [x IN ['ct-' + c.country] WHERE x IS NOT NULL] |
      MERGE (place:Entity {id: placeId})
      MERGE (c)-[l:LOCATED_IN]->(place)
        ON CREATE SET l.firstSeen = datetime($seenAt), l.importIds = [$importId]
        ON MATCH SET l.importIds = CASE WHEN $importId IN l.importIds THEN l.importIds ELSE l.importIds + $importId END
      SET l.lastSeen = CASE WHEN l.lastSeen > datetime($seenAt) THEN l.lastSeen ELSE datetime($seenAt) END)
    REMOVE c._lock)
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
  FOREACH (_ IN CASE WHEN role = 'MADE_BY' THEN [1] ELSE [] END |
    MERGE (s)-[r:MADE_BY]->(c)
      ON CREATE SET r.firstSeen = datetime($seenAt), r.importIds = [$importId]
      ON MATCH SET r.importIds = CASE WHEN $importId IN r.importIds THEN r.importIds ELSE r.importIds + $importId END
    SET r.lastSeen = CASE WHEN r.lastSeen > datetime($seenAt) THEN r.lastSeen ELSE datetime($seenAt) END)
}
RETURN size(fresh) AS written, skipped
