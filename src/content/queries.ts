import { defineQuery } from 'groq';

/**
 * Every GROQ query of the site, written once. The same text runs against the local
 * dataset (groq-js over content/*.ndjson) and against Sanity; TypeGen derives the result
 * types into sanity.types.ts.
 */

/** The directory: every organisation with what a visitor needs to choose one. */
export const organisationsQuery = defineQuery(`
  *[_type == "organisation" && defined(slug.current)] | order(lower(name) asc) {
    _id,
    name,
    "slug": slug.current,
    sector,
    country,
    languages,
    referencePrefix
  }
`);

/** One organisation with everything its public pages show; ADR schemes dereferenced. */
export const organisationQuery = defineQuery(`
  *[_type == "organisation" && slug.current == $slug][0] {
    ...,
    "slug": slug.current,
    adr[] { ..., "scheme": scheme-> },
    "regime": regime-> { ..., "adrSchemes": adrSchemes[]-> },
    "codes": *[_type == "complaintsCode" && organisation._ref == ^._id] | order(effectiveFrom desc) {
      _id, language, title, version, effectiveFrom
    }
  }
`);

/** One version of an organisation's complaints code in one language, with its body. */
export const complaintsCodeQuery = defineQuery(`
  *[_type == "complaintsCode" && organisation._ref == $organisationId && language == $language && version == $version][0] {
    _id, language, title, summary, body, version, effectiveFrom
  }
`);

/** An organisation's complaint form definition. */
export const complaintFormQuery = defineQuery(`
  *[_type == "complaintForm" && _id == $formId][0]
`);
