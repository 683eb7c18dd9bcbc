// Every domain node carries :Entity and a kind-prefixed id (domain/ids.ts); one constraint keeps ids unique across kinds and backs MERGE.
// params: none
// returns: nothing
// mode: write
CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE
