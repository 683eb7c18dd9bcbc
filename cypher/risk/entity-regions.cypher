// REGION: where one entity, or a facility it OPERATES, is in a high-risk region: LOCATED_IN a Region whose
// id is in $regionIds, or with its region property in $regions (one row per site and region).
// params: $id: string, $regions: list of region codes, $regionIds: list of region node ids
// returns: siteId, siteName, self, region, sources
// mode: read
MATCH (e:Entity {id: $id})
CALL (e) {
  RETURN e AS site, null AS op
  UNION
  MATCH (e)-[op:OPERATES]->(site:Facility)
  RETURN site, op
}
WITH e, site, op, COLLECT { MATCH (site)-[:LOCATED_IN]->(g:Region) WHERE g.id IN $regionIds RETURN g.code } AS linked
WITH e, site, op, linked + CASE WHEN site.region IN $regions AND NOT site.region IN linked THEN [site.region] ELSE [] END AS codes
UNWIND codes AS region
RETURN site.id AS siteId, site.name AS siteName, site.id = e.id AS self, region,
       COLLECT { MATCH (site)-[loc:LOCATED_IN]->(:Region {code: region}) UNWIND coalesce(loc.importIds, []) AS i RETURN i }
         + coalesce(op.importIds, []) AS sources
ORDER BY self DESC, siteId
