import type { Address } from './types.ts';

/**
 * How a country writes the town and the postcode of an address: most of continental Europe
 * and North Africa put the postcode first ("4002 Debrecen"), the UK puts the postcode on a
 * line of its own under the town, North America after the town. Keyed by the country
 * (ISO 3166-1 alpha-2) the organisation is in, never by organisation.
 */
type TownLine = 'postcodeTown' | 'townPostcode' | 'postcodeOwnLine';

const townLines: Record<string, TownLine> = {
  GB: 'postcodeOwnLine',
  IE: 'postcodeOwnLine',
  US: 'townPostcode',
  CA: 'townPostcode',
  AU: 'townPostcode',
  ...Object.fromEntries(
    ['HU', 'AT', 'DE', 'CH', 'FR', 'BE', 'NL', 'LU', 'ES', 'IT', 'PT', 'PL', 'CZ', 'SK', 'SI', 'HR', 'RO', 'DK', 'NO', 'SE', 'FI', 'TN', 'MA', 'DZ'].map(
      (c) => [c, 'postcodeTown' as const],
    ),
  ),
};

/**
 * A postal address on lines, in the order of the country it is written for: "1 High
 * Street / Leeds / LS1 1AA" in the UK, "Fő utca 1. / 4002 Debrecen" in Hungary. A country
 * not in the table gets "town postcode".
 */
export function addressLines(address: Partial<Address> | null | undefined, country?: string | null): string[] {
  if (!address) return [];
  const { town, postcode } = address;
  const layout = townLines[(country ?? '').toUpperCase()] ?? 'townPostcode';
  const place =
    layout === 'postcodeOwnLine'
      ? [town, postcode]
      : [[layout === 'postcodeTown' ? postcode : town, layout === 'postcodeTown' ? town : postcode].filter(Boolean).join(' ')];
  return [address.line1, address.line2, ...place, address.country].filter((line): line is string => Boolean(line?.trim()));
}
