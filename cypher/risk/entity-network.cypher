// NETWORK: risky companies upstream of one entity over SUPPLIES (supplier -[:SUPPLIES]-> buyer; tier 1 =
// direct supplier), at most $maxTier tiers (the pattern stops at 6, the configured maximum), counting only
// SUPPLIES edges whose firstDate is on or before $asOf. One shortest path per upstream company (SHORTEST 1:
// a breadth-first walk from the entity), kept when that company is risky on $asOf: its own listing in force
// (as in risk/entity-listings), a listing in force of a Region it is LOCATED_IN, or being in a high-risk
// region ($regionIds / $regions). The path runs supplier first; hopShipments, hopFirstDates and
// hopLastDates are per hop in the same order; lastHopShipments counts the shipments from the risky company
// to the next company of the path that arrived on or before $asOf.
// params: $id: string, $asOf: string (YYYY-MM-DD), $maxTier: integer, $listedPrograms: list of programs, $statusPrograms: list of programs, $activeStatuses: list of statuses, $regions: list of region codes, $regionIds: list of region node ids
// returns: upstreamId, upstreamName, tier, path, hopShipments, hopFirstDates, hopLastDates, lastHopShipments, listings, regionListings, regions
// mode: read
MATCH (e:Entity {id: $id})
MATCH p = SHORTEST 1 (e)(()<-[s:SUPPLIES WHERE s.firstDate <= date($asOf)]-(:Company)){1,6}(u:Company)
WHERE length(p) <= $maxTier AND u <> e
WITH u, p,
  COLLECT {
    MATCH (u)-[r:LISTED]->(l:ListEntry)
    WHERE l.program IN $listedPrograms
      AND l.effectiveDate IS NOT NULL AND l.effectiveDate <= date($asOf)
      AND (l.endDate IS NULL OR l.endDate > date($asOf))
      AND (NOT l.program IN $statusPrograms OR l.status IN $activeStatuses)
    RETURN {entryId: l.id, program: l.program, name: l.name, effectiveDate: toString(l.effectiveDate), sources: coalesce(r.importIds, [])}
  } AS listings,
  COLLECT {
    MATCH (u)-[:LOCATED_IN]->(g:Region)-[r:LISTED]->(l:ListEntry)
    WHERE l.program IN $listedPrograms
      AND l.effectiveDate IS NOT NULL AND l.effectiveDate <= date($asOf)
      AND (l.endDate IS NULL OR l.endDate > date($asOf))
      AND (NOT l.program IN $statusPrograms OR l.status IN $activeStatuses)
    RETURN {entryId: l.id, program: l.program, name: l.name, region: g.id, effectiveDate: toString(l.effectiveDate), sources: coalesce(r.importIds, [])}
  } AS regionListings,
  COLLECT { MATCH (u)-[:LOCATED_IN]->(g:Region) WHERE g.id IN $regionIds RETURN g.code } AS linked
WITH u, p, listings, regionListings,
     linked + CASE WHEN u.region IN $regions AND NOT u.region IN linked THEN [u.region] ELSE [] END AS regions
WHERE size(listings) > 0 OR size(regionListings) > 0 OR size(regions) > 0
WITH u, p, listings, regionListings, regions, reverse(nodes(p)) AS chain, reverse(relationships(p)) AS hops
RETURN u.id AS upstreamId, u.name AS upstreamName, length(p) AS tier, [n IN chain | n.id] AS path,
       [h IN hops | h.shipments] AS hopShipments, [h IN hops | toString(h.firstDate)] AS hopFirstDates,
       [h IN hops | toString(h.lastDate)] AS hopLastDates,
       COUNT {
         MATCH (u)-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(next)
         WHERE next = chain[1] AND s.arrivalDate <= date($asOf)
       } AS lastHopShipments,
       listings, regionListings, regions
ORDER BY tier, upstreamId
