/** Every import kind and its format. Adding a kind: a file here, a line below, its name in domain/vocabulary.ts. */
import type { ImportKind } from '../vocabulary';
import { companies } from './companies';
import { facilities } from './facilities';
import { ftm } from './ftm';
import { officers } from './officers';
import { ownership } from './ownership';
import { persons } from './persons';
import { shipments } from './shipments';
import type { RowFormat } from './types';
import { uflpa } from './uflpa';
import { wro } from './wro';
import { dolgoods } from './dolgoods';

export type { RowFormat, BatchStep } from './types';

export const rowFormats: Record<ImportKind, RowFormat> = {
  companies,
  shipments,
  uflpa,
  facilities,
  persons,
  officers,
  ownership,
  ftm,
  wro,
  dolgoods,
};
