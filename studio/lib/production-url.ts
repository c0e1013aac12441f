import type {DocumentActionsContext, SanityDocumentLike} from 'sanity'

type Client = ReturnType<DocumentActionsContext['getClient']>

/**
 * The public page a document appears on, for the Studio's "Open preview" link. With a
 * preview secret the link goes through the site's /api/preview, so the editor sees the
 * drafts; without one it opens the published page. The site is SANITY_STUDIO_SITE_URL.
 */
export async function productionUrl(
  document: SanityDocumentLike,
  client: Client,
  options: {siteUrl?: string; previewSecret?: string},
): Promise<string | undefined> {
  if (!options.siteUrl) return undefined
  const path = await pagePath(document, client)
  if (!path) return undefined
  const site = options.siteUrl.replace(/\/+$/, '')
  if (!options.previewSecret) return `${site}${path}`
  const query = new URLSearchParams({secret: options.previewSecret, redirect: path})
  return `${site}/api/preview?${query}`
}

interface OrganisationPage {
  slug?: string
  languages?: string[]
}

const published = (id: string) => id.replace(/^drafts\./, '')
const orgPath = (org: OrganisationPage | null | undefined, rest = '') =>
  org?.slug ? `/${org.languages?.[0] ?? 'en'}/${org.slug}/${rest}` : undefined

async function pagePath(document: SanityDocumentLike, client: Client): Promise<string | undefined> {
  const id = published(document._id)
  const fetchOrg = (filter: string, params: Record<string, string>) =>
    client.fetch<OrganisationPage | null>(
      `*[${filter}][0]{"slug": slug.current, languages}`,
      params,
    )
  switch (document._type) {
    case 'organisation': {
      const slug = (document.slug as {current?: string} | undefined)?.current
      return orgPath({slug, languages: document.languages as string[] | undefined})
    }
    case 'complaintsCode': {
      const org = await fetchOrg('_type == "organisation" && _id == $id', {
        id: published((document.organisation as {_ref?: string} | undefined)?._ref ?? ''),
      })
      if (!org?.slug) return undefined
      const language =
        typeof document.language === 'string' ? document.language : org.languages?.[0]
      const version = typeof document.version === 'string' ? `/${document.version}` : ''
      return `/${language}/${org.slug}/code${version}`
    }
    case 'complaintForm':
      return orgPath(
        await fetchOrg('_type == "organisation" && complaintForm._ref == $id', {id}),
        'complain',
      )
    case 'adrScheme':
      return orgPath(await fetchOrg('_type == "organisation" && $id in adr[].scheme._ref', {id}))
    default:
      return undefined
  }
}
