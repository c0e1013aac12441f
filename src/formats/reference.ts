import { checkSymbol, crockford } from '../cases/reference.ts';

const PREFIX = 'AF';

/**
 * A format request's reference, `AF-XXXX-XXXX`: seven random Crockford symbols and a check
 * symbol. Random, so it says nothing about how many requests an organisation gets; short,
 * because it only has to be quoted, never to open anything. It cannot be mistaken for a case
 * reference, which has a year.
 */
export function generateRequestReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(7));
  const random = [...bytes].map((byte) => crockford[byte & 31]).join('');
  const body = `${PREFIX}${random}`;
  const compact = `${random}${checkSymbol(body)}`;
  return `${PREFIX}-${compact.slice(0, 4)}-${compact.slice(4)}`;
}
