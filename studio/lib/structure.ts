import type {StructureBuilder, StructureResolver} from 'sanity/structure'
import {API_VERSION} from './api'
import {languageTitle} from './locales'

/**
 * The desk as editors think of it: one group per organisation (listed from the dataset,
 * so a new organisation appears by itself) holding its settings, contacts and time limits,
 * its complaints code per language and its form; then the ADR schemes several
 * organisations share, and every document of each type for searching.
 */
export const structure: StructureResolver = (S, context) => {
  const client = context.getClient({apiVersion: API_VERSION})
  return S.list()
    .title('Content')
    .items([
      S.listItem()
        .id('organisations')
        .title('Organisations')
        .child(
          S.documentTypeList('organisation')
            .title('Organisations')
            .child(async (id: string) => {
              const org = await client.fetch<{name?: string; languages?: string[]} | null>(
                '*[_id in [$id, "drafts." + $id]][0]{name, languages}',
                {id},
              )
              return organisationGroup(S, id, org?.name ?? 'Organisation', org?.languages ?? [])
            }),
        ),
      S.divider(),
      S.documentTypeListItem('adrScheme').title('ADR schemes (shared)'),
      S.divider(),
      S.documentTypeListItem('complaintsCode').title('All complaints codes'),
      S.documentTypeListItem('complaintForm').title('All complaint forms'),
    ])
}

function organisationGroup(S: StructureBuilder, id: string, name: string, languages: string[]) {
  return S.list()
    .id(`org-${id}`)
    .title(name)
    .items([
      S.listItem()
        .id('settings')
        .title('Settings, contacts and time limits')
        .schemaType('organisation')
        .child(S.document().schemaType('organisation').documentId(id)),
      S.listItem()
        .id('codes')
        .title('Complaints code')
        .child(
          S.list()
            .id(`codes-${id}`)
            .title('Complaints code by language')
            .items(
              languages.map((language) =>
                S.listItem()
                  .id(`code-${language}`)
                  .title(languageTitle(language))
                  .child(
                    S.documentList()
                      .id(`codes-${id}-${language}`)
                      .title(`Complaints code, ${languageTitle(language)}`)
                      .schemaType('complaintsCode')
                      .filter(
                        '_type == "complaintsCode" && organisation._ref == $id && language == $language',
                      )
                      .params({id, language})
                      .defaultOrdering([{field: 'effectiveFrom', direction: 'desc'}])
                      .initialValueTemplates([]),
                  ),
              ),
            ),
        ),
      S.listItem()
        .id('form')
        .title('Complaint form')
        .child(
          S.documentList()
            .id(`form-${id}`)
            .title('Complaint form')
            .schemaType('complaintForm')
            .filter(
              '_type == "complaintForm" && _id in *[_id in [$id, "drafts." + $id]].complaintForm._ref',
            )
            .params({id}),
        ),
    ])
}
