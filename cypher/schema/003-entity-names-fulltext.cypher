// Fulltext index over names, aliases (a list of strings) and normalised names, for search that tolerates
// case, punctuation and accents (the folding analyzer, matching domain/normalize.ts searchTokens).
// params: none
// returns: nothing
// mode: write
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Company|ListEntry) ON EACH [n.name, n.aliases, n.normName]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } }
