import { describe, expect, it } from 'vitest';
import { getOrganisation, listOrganisations } from '#src/content/index.ts';
import { casePolicy, organisationCalendar, policyForOrganisationId, policyForOrganisationSlug } from '#src/policy/index.ts';

describe("an organisation's case policy from content", () => {
  it('is the same whether background work finds it by id or a page by slug', async () => {
    const organisations = await listOrganisations();
    expect(organisations.length).toBeGreaterThan(0);
    for (const summary of organisations) {
      const byId = await policyForOrganisationId(summary._id);
      expect(byId).not.toBeNull();
      expect(byId).toEqual(await policyForOrganisationSlug(summary.slug!));
    }
  });

  it('has no policy for an organisation that is not in content', async () => {
    expect(await policyForOrganisationId('no-such-organisation')).toBeNull();
    expect(await policyForOrganisationSlug('no-such-organisation')).toBeNull();
  });

  it('uses the calendar the public pages use, and names every ADR body it can', async () => {
    for (const summary of await listOrganisations()) {
      const org = (await getOrganisation(summary.slug!))!;
      const policy = casePolicy(org, org.languages[0]!);
      expect(policy.calendar).toEqual(organisationCalendar(org));
      expect(policy.organisationName).toBe(org.name);
      expect(policy.adrBodies?.map((body) => body.rule)).toEqual((org.adr ?? []).filter((rule) => rule.scheme).map((rule) => rule._key));
    }
  });
});
