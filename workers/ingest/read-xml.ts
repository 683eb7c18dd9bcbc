/** XML record files: placeholder until the DOL goods reader lands. */
import type { RowFormat } from '../../domain/sources';
import { FileProblem, type RowSource } from './read-rows';

export function readXml(_file: string, fileName: string, _format: RowFormat): RowSource {
  throw new FileProblem(`${fileName}: XML files are not supported yet`);
}
