// One Import node per loaded file and kind (domain/ids.ts importId).
// params: none
// returns: nothing
// mode: write
CREATE CONSTRAINT import_id_unique IF NOT EXISTS FOR (i:Import) REQUIRE i.id IS UNIQUE
