// COMMODITY: DOL goods-list entries (program $dolProgram) that COVER a Product one entity SHIPPED (a
// shipment arrived on or before $asOf, OF_PRODUCT a code at or below the covered one in the HS hierarchy:
// heading 5201 covers 520100) and COVER a Country that is the shipment's countryOfOrigin or where the
// entity is LOCATED_IN. Derived goods are entries like any other. One row per entry: how many shipments, a
// few of them, the codes shipped and covered, whether the entity is located in the entry's country.
// params: $id: string, $asOf: string (YYYY-MM-DD), $dolProgram: string
// returns: entryId, good, country, forcedLabor, childLabor, forcedChildLabor, derived, derivedFrom, coveredCodes, shippedCodes, locatedThere, shipments, sampleShipments, firstDate, lastDate, sources
// mode: read
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)-[:SHIPPED]->(s:Shipment)-[:OF_PRODUCT]->(p:Product)
  WHERE s.arrivalDate <= date($asOf)
  RETURN DISTINCT p
}
MATCH (p)-[:PART_OF*0..3]->(covered:Product)<-[cov:COVERS]-(l:ListEntry)-[cc:COVERS]->(ct:Country)
WHERE l.program = $dolProgram
WITH e, l, ct, cc, collect(DISTINCT p) AS products, collect(DISTINCT covered.code) AS coveredCodes,
     collect(DISTINCT p.code) AS shippedCodes
WITH e, l, ct, cc, products, coveredCodes, shippedCodes, EXISTS { (e)-[:LOCATED_IN]->(ct) } AS locatedThere
CALL (e, ct, products, locatedThere) {
  MATCH (e)-[:SHIPPED]->(s:Shipment)-[:OF_PRODUCT]->(p:Product)
  WHERE p IN products AND s.arrivalDate <= date($asOf) AND (locatedThere OR s.countryOfOrigin = ct.code)
  WITH DISTINCT s ORDER BY s.arrivalDate, s.id
  RETURN count(s) AS shipments, collect(s.id)[0..5] AS sampleShipments,
         toString(min(s.arrivalDate)) AS firstDate, toString(max(s.arrivalDate)) AS lastDate
}
WITH l, ct, cc, coveredCodes, shippedCodes, locatedThere, shipments, sampleShipments, firstDate, lastDate
WHERE shipments > 0
RETURN l.id AS entryId, l.good AS good, ct.code AS country, coalesce(l.forcedLabor, false) AS forcedLabor,
       coalesce(l.childLabor, false) AS childLabor, coalesce(l.forcedChildLabor, false) AS forcedChildLabor,
       coalesce(l.derived, false) AS derived, l.derivedFrom AS derivedFrom, coveredCodes, shippedCodes,
       locatedThere, shipments, sampleShipments, firstDate, lastDate,
       coalesce(l.importIds, []) + coalesce(cc.importIds, []) AS sources
ORDER BY entryId
