// OWNERSHIP: owners of one entity up the OWNS chain (1 to 4 hops; every stake in force on $asOf: no
// startDate after it, no endDate on or before it) that have a listing in force on $asOf (as in
// risk/entity-listings, own listings only). One row per chain: its node ids (owner first), the stake of each
// hop (null when unknown), and the listings.
// params: $id: string, $asOf: string (YYYY-MM-DD), $listedPrograms: list of programs, $statusPrograms: list of programs, $activeStatuses: list of statuses
// returns: ownerId, ownerName, path, percentages, startDates, endDates, relSources, listings
// mode: read
MATCH (e:Entity {id: $id})
MATCH p = (o:Entity)-[:OWNS*1..4]->(e)
WHERE o <> e
  AND all(r IN relationships(p) WHERE (r.startDate IS NULL OR r.startDate <= date($asOf)) AND (r.endDate IS NULL OR r.endDate > date($asOf)))
WITH o, p, COLLECT {
  MATCH (o)-[r:LISTED]->(l:ListEntry)
  WHERE l.program IN $listedPrograms
    AND l.effectiveDate IS NOT NULL AND l.effectiveDate <= date($asOf)
    AND (l.endDate IS NULL OR l.endDate > date($asOf))
    AND (NOT l.program IN $statusPrograms OR l.status IN $activeStatuses)
  RETURN {entryId: l.id, program: l.program, name: l.name, effectiveDate: toString(l.effectiveDate), sources: coalesce(r.importIds, [])}
} AS listings
WHERE size(listings) > 0
RETURN o.id AS ownerId, o.name AS ownerName, [n IN nodes(p) | n.id] AS path,
       [r IN relationships(p) | r.percentage] AS percentages,
       [r IN relationships(p) | toString(r.startDate)] AS startDates,
       [r IN relationships(p) | toString(r.endDate)] AS endDates,
       [r IN relationships(p) | coalesce(r.importIds, [])] AS relSources, listings
ORDER BY size(path), ownerId
