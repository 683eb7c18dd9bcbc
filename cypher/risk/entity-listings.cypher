// LISTED: the listings of one entity in force on $asOf, its own (LISTED) and those of a region it is
// LOCATED_IN (a region-wide WRO such as rg-XUAR). In force: program in $listedPrograms, effectiveDate on or
// before $asOf, no endDate on or before $asOf, and for WRO/Finding (program in $statusPrograms) a status in
// $activeStatuses. The list gives only the current status, so a status is taken to have held since the
// effective date (docs/risk.md).
// params: $id: string, $asOf: string (YYYY-MM-DD), $listedPrograms: list of programs, $statusPrograms: list of programs, $activeStatuses: list of statuses
// returns: entryId, program, name, status, effectiveDate, endDate, via, viaKind, asSubsidiary, sources
// mode: read
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)-[r:LISTED]->(l:ListEntry)
  RETURN l, r, e.id AS via, 'self' AS viaKind, [] AS locSources
  UNION
  MATCH (e)-[loc:LOCATED_IN]->(g:Region)-[r:LISTED]->(l:ListEntry)
  RETURN l, r, g.id AS via, 'region' AS viaKind, coalesce(loc.importIds, []) AS locSources
}
WITH l, r, via, viaKind, locSources
WHERE l.program IN $listedPrograms
  AND l.effectiveDate IS NOT NULL AND l.effectiveDate <= date($asOf)
  AND (l.endDate IS NULL OR l.endDate > date($asOf))
  AND (NOT l.program IN $statusPrograms OR l.status IN $activeStatuses)
RETURN l.id AS entryId, l.program AS program, l.name AS name, l.status AS status,
       toString(l.effectiveDate) AS effectiveDate, toString(l.endDate) AS endDate, via, viaKind,
       coalesce(r.asSubsidiary, false) AS asSubsidiary,
       coalesce(r.importIds, []) + locSources AS sources
ORDER BY entryId, via
