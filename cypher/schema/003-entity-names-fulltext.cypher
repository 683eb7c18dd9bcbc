// Fulltext index over names, aliases (a list of strings) and normalised names, for search that tolerates case and punctuation.
// params: none
// returns: nothing
// mode: write
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Company|ListEntry) ON EACH [n.name, n.aliases, n.normName]
