// Makes sure the Country and Region nodes a batch names exist (run before the batch's own statement), and
// links each region to its country. Reference data: it carries no import ids.
// params: $countries: list of {id, code, name}, $regions: list of {id, code, name, country, countryId}
// returns: countries
// mode: write
UNWIND $countries AS ct
MERGE (c:Entity:Country {id: ct.id})
  ON CREATE SET c.code = ct.code, c.name = ct.name
WITH count(*) AS countries
UNWIND $regions AS rg
MERGE (r:Entity:Region {id: rg.id})
  ON CREATE SET r.code = rg.code, r.name = rg.name, r.country = rg.country
WITH countries, r, rg
MATCH (c:Entity {id: rg.countryId})
MERGE (r)-[:LOCATED_IN]->(c)
RETURN countries
