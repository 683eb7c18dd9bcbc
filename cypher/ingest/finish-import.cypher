// Records how an import ended: status, row counts, where its rejects report is, and the first rejects.
// params: $id: string, $status: string, $rowsRead: integer, $rowsWritten: integer, $rowsRejected: integer, $rejectsPath: string, $rejectsSample: string (JSON), $error: string
// returns: id
// mode: write
MATCH (i:Import {id: $id})
SET i.status = $status, i.finishedAt = datetime(), i.rowsRead = $rowsRead, i.rowsWritten = $rowsWritten,
    i.rowsRejected = $rowsRejected, i.rejectsPath = $rejectsPath, i.rejectsSample = $rejectsSample, i.error = $error
RETURN i.id AS id
