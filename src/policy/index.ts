/**
 * An organisation's policy, built from its content in the core: what the case rules, the
 * actions, the scheduler and the reports apply. Pages, background jobs and tests all use
 * these, so there is one mapping from content to policy.
 */
export { casePolicy, caseOrganisationRules, regimePolicy, policyForOrganisationId, policyForOrganisationSlug } from './case-policy.ts';
export { organisationCalendar } from './organisation-calendar.ts';
