/** JSON lines (one JSON object per line): placeholder until the FtM reader lands. */
import { FileProblem, type RowSource } from './read-rows';

export function readJsonLines(_file: string, fileName: string): RowSource {
  throw new FileProblem(`${fileName}: JSON lines files are not supported yet`);
}
