import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNdjson, regimeWarnings, validateDataset, type Problem } from '#src/content/validate-dataset.ts';

// The schema as the Studio extracts it (`npm run extract -w studio`), required fields enforced.
const schema = JSON.parse(readFileSync('studio/schema.json', 'utf8')) as unknown[];

const contentDir = 'content';
const contentFiles = existsSync(contentDir)
  ? readdirSync(contentDir)
      .filter((name) => name.endsWith('.ndjson'))
      .sort()
  : [];
const documents = contentFiles.flatMap((file) =>
  parseNdjson(readFileSync(join(contentDir, file), 'utf8'), file),
) as { _id: string; _type: string }[];

const i18n = (type: 'String' | 'Text', values: Record<string, string>) =>
  Object.entries(values).map(([language, value]) => ({
    _key: language,
    _type: `internationalizedArray${type}Value`,
    language,
    value,
  }));
const en = (value: string) => i18n('String', { en: value });
const enText = (value: string) => i18n('Text', { en: value });

/** A small dataset that satisfies the content model; each broken case below changes one thing. */
function validDataset() {
  return [
    {
      _id: 'org-acme',
      _type: 'organisation',
      name: 'Acme Energy',
      slug: { _type: 'slug', current: 'acme-energy' },
      referencePrefix: 'ACME',
      sector: en('Energy supply'),
      country: 'GB',
      region: 'ENG',
      timeZone: 'Europe/London',
      languages: ['en'],
      summary: enText('Tell us when something went wrong.'),
      businessHours: {
        periods: [
          {
            _key: 'p1',
            _type: 'openingPeriod',
            days: ['mon', 'tue', 'wed', 'thu', 'fri'],
            opens: '08:30',
            closes: '17:30',
          },
        ],
        closedOnPublicHolidays: true,
      },
      contactMethods: [
        { _key: 'c1', _type: 'contactMethod', kind: 'phone', value: '0800 000 000', purpose: 'general' },
      ],
      commitments: [
        {
          _key: 'k1',
          _type: 'commitment',
          event: 'acknowledge',
          route: 'formal',
          duration: { amount: 24, unit: 'workingHours' },
          from: 'received',
          pausesWhileAwaitingComplainant: false,
          description: enText('We acknowledge within 24 working hours.'),
        },
      ],
      stages: [
        {
          _key: 's1',
          _type: 'stage',
          title: en('Investigation'),
          description: enText('We look into it.'),
          commitments: ['acknowledge'],
        },
      ],
      appealPolicy: {
        enabled: true,
        countedFrom: 'proposal',
        reviewer: 'notPreviouslyInvolvedManager',
        final: true,
      },
      adr: [
        {
          _key: 'a1',
          _type: 'adrRule',
          scheme: { _type: 'reference', _ref: 'adr-ombudsman' },
          after: { _type: 'duration', amount: 60, unit: 'calendarDays' },
          onDeadlock: true,
          afterFinalResponse: false,
          when: enText('After 60 days or on deadlock.'),
        },
      ],
      freePostedCopy: { available: true },
      positiveFeedback: { accepted: false },
      complaintForm: { _type: 'reference', _ref: 'form-acme' },
    },
    {
      _id: 'form-acme',
      _type: 'complaintForm',
      title: 'Acme form',
      settings: {
        replyChannels: ['email', 'post'],
        phoneRequired: false,
        maxFiles: 5,
        maxFileSizeMb: 10,
        acceptedFileTypes: ['application/pdf'],
      },
      fields: [
        {
          _key: 'f1',
          _type: 'formField',
          key: 'accountNumber',
          type: 'text',
          label: en('Account number'),
          required: true,
        },
      ],
    },
    {
      _id: 'adr-ombudsman',
      _type: 'adrScheme',
      name: en('Energy Ombudsman'),
      shortName: 'Ombudsman',
      description: enText('A free, independent service.'),
      website: 'https://www.energyombudsman.org',
      jurisdiction: 'GB',
    },
    {
      _id: 'code-acme-energy-en-1-0',
      _type: 'complaintsCode',
      organisation: { _type: 'reference', _ref: 'org-acme' },
      language: 'en',
      title: 'Complaints code',
      body: [
        {
          _key: 'b1',
          _type: 'block',
          style: 'normal',
          markDefs: [],
          children: [{ _key: 'b1s', _type: 'span', text: 'Hello.', marks: [] }],
        },
        {
          _key: 't1',
          _type: 'table',
          headerRow: true,
          rows: [{ _key: 'r1', _type: 'tableRow', cells: ['Amount'] }],
        },
      ],
      version: '1.0',
      effectiveFrom: '2026-01-01',
    },
  ];
}

type Dataset = ReturnType<typeof validDataset>;
type Org = Dataset[0];
// Each case below breaks the fixture on purpose; loose typing keeps those edits short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const org = (dataset: Dataset) => dataset[0] as any;

describe('the dataset validator', () => {
  it('finds no problem in a dataset that follows the content model', () => {
    expect(validateDataset(schema, validDataset())).toEqual([]);
  });

  it('accepts an organisation publishing in languages the interface does not speak (Welsh, Austrian German)', () => {
    const dataset = validDataset();
    const welsh = { cy: 'Testun', 'de-AT': 'Text', en: 'Text' };
    const addTo = (value: { language: string }[], kind: 'String' | 'Text') => value.push(...i18n(kind, welsh).filter((item) => item.language !== 'en'));
    org(dataset).languages.push('cy', 'de-AT');
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        const first = node[0] as { _type?: string } | undefined;
        if (first?._type === 'internationalizedArrayStringValue') return void addTo(node as never, 'String');
        if (first?._type === 'internationalizedArrayTextValue') return void addTo(node as never, 'Text');
        node.forEach(walk);
      } else if (node && typeof node === 'object') Object.values(node).forEach(walk);
    };
    walk(dataset);
    for (const language of ['cy', 'de-AT']) dataset.push({ ...dataset[3], _id: `code-acme-energy-${language}-1-0`, language } as never);
    expect(validateDataset(schema, dataset)).toEqual([]);
  });

  describe.each<[string, (dataset: Dataset) => void, Partial<Problem>]>([
    [
      'a document of an unknown type',
      (d) => d.push({ ...d[2], _id: 'x-1', _type: 'ombudsman' } as never),
      { id: 'x-1', path: '_type' },
    ],
    [
      'a missing required field',
      (d) => delete (org(d) as Partial<Org>).name,
      { id: 'org-acme', path: 'name' },
    ],
    [
      'a field of the wrong type',
      (d) => (org(d).referencePrefix = 42 as never),
      { id: 'org-acme', path: 'referencePrefix', message: 'Expected a string, found number 42.' },
    ],
    [
      'a value outside the enumerated list',
      (d) => (org(d).contactMethods[0].kind = 'pigeon'),
      { id: 'org-acme', path: 'contactMethods[_key=="c1"].kind' },
    ],
    [
      'a day outside the week',
      (d) => org(d).businessHours.periods[0].days.push('funday'),
      { id: 'org-acme', path: 'businessHours.periods[_key=="p1"].days[5]' },
    ],
    [
      'a reference to no document',
      (d) => (org(d).complaintForm._ref = 'form-missing'),
      { id: 'org-acme', path: 'complaintForm._ref' },
    ],
    [
      'a reference to a document of the wrong type',
      (d) => (org(d).adr[0].scheme._ref = 'form-acme'),
      { id: 'org-acme', path: 'adr[_key=="a1"].scheme._ref' },
    ],
    [
      'a _key used twice in one array',
      (d) => org(d).contactMethods.push({ ...org(d).contactMethods[0] }),
      { id: 'org-acme', path: 'contactMethods[_key=="c1"]' },
    ],
    [
      'an array item without _type',
      (d) => delete (org(d).stages[0] as { _type?: string })._type,
      {
        id: 'org-acme',
        path: 'stages[_key=="s1"]._type',
        message: 'Set _type to "stage" on this array item.',
      },
    ],
    ['a field the schema does not have', (d) => (org(d).colour = 'blue'), { id: 'org-acme', path: 'colour' }],
    [
      'a reference prefix in lower case',
      (d) => (org(d).referencePrefix = 'acme'),
      { id: 'org-acme', path: 'referencePrefix' },
    ],
    [
      'an opening time that is not HH:MM',
      (d) => (org(d).businessHours.periods[0].opens = '8.30'),
      { id: 'org-acme', path: 'businessHours.periods[_key=="p1"].opens' },
    ],
    [
      'a closing time before the opening time',
      (d) => (org(d).businessHours.periods[0].closes = '07:00'),
      { id: 'org-acme', path: 'businessHours.periods[_key=="p1"].closes' },
    ],
    [
      'a version that is not dotted numbers',
      (d) => ((d[3] as { version: string }).version = 'v1'),
      { id: 'code-acme-energy-en-1-0', path: 'version' },
    ],
    [
      'a translated language the organisation does not publish in',
      (d) => (org(d).translatedLanguages = ['fr']),
      { id: 'org-acme', path: 'translatedLanguages' },
    ],
    [
      'a declared language without a complaints code',
      (d) => {
        org(d).languages.push('hu');
        for (const value of [org(d).sector, org(d).summary]) value.push(...i18n('String', { hu: 'x' }));
      },
      {
        id: 'org-acme',
        path: 'languages',
        message: 'There is no complaintsCode in hu for this organisation.',
      },
    ],
    [
      'a declared language missing from a required localised field',
      (d) => org(d).languages.push('hu'),
      { id: 'org-acme', path: 'summary', message: 'Add the text in hu.' },
    ],
    [
      'a declared language missing from the form the organisation uses',
      (d) => org(d).languages.push('fr'),
      { id: 'form-acme', path: 'fields[_key=="f1"].label', message: 'Add the text in fr.' },
    ],
    [
      'a localised value whose language is not a BCP 47 tag',
      (d) => org(d).sector.push(...i18n('String', { 'de_AT!': 'Energie' })),
      { id: 'org-acme', path: 'sector[_key=="de_AT!"].language' },
    ],
    [
      'a localised value whose language tag is not in its canonical form',
      (d) => org(d).sector.push(...i18n('String', { 'de-at': 'Energie' })),
      { id: 'org-acme', path: 'sector[_key=="de-at"].language', message: 'Write the language "de-at" as "de-AT".' },
    ],
    [
      'an organisation language that is not a BCP 47 tag',
      (d) => org(d).languages.push('Welsh!'),
      { id: 'org-acme', path: 'languages', message: '"Welsh!" is not a BCP 47 language tag: write a code such as "cy", "de" or "fr-BE".' },
    ],
    [
      'a portable text block of an unknown _type',
      (d) => ((d[3] as { body: { _type: string }[] }).body[0]._type = 'image'),
      { id: 'code-acme-energy-en-1-0', path: 'body[_key=="b1"]' },
    ],
    [
      'a time limit of zero',
      (d) => (org(d).commitments[0].duration.amount = 0),
      { id: 'org-acme', path: 'commitments[_key=="k1"].duration.amount', message: 'A time limit must be a whole number above zero.' },
    ],
    [
      'ADR waiting weeks of zero (the older afterWeeks)',
      (d) => {
        delete org(d).adr[0].after;
        org(d).adr[0].afterWeeks = 0;
      },
      { id: 'org-acme', path: 'adr[_key=="a1"].afterWeeks', message: 'Use a whole number of weeks above zero, or leave it empty.' },
    ],
    [
      'an ADR waiting period in working hours',
      (d) => (org(d).adr[0].after.unit = 'workingHours'),
      { id: 'org-acme', path: 'adr[_key=="a1"].after.unit', message: 'Use calendar days, business days, weeks or months for a waiting period.' },
    ],
    [
      'an ADR rule that can never apply (no period, no deadlock, no final response)',
      (d) => {
        delete org(d).adr[0].after;
        org(d).adr[0].onDeadlock = false;
      },
      { id: 'org-acme', path: 'adr[_key=="a1"].onDeadlock', message: 'Turn this on, turn on "after the final response", or give the waiting period.' },
    ],
    ['a dotted document id', (d) => (org(d)._id = 'drafts.org-acme'), { id: 'drafts.org-acme', path: '_id' }],
  ])('reports %s', (_name, breakIt, expected) => {
    it('with the document, the path and a message', () => {
      const dataset = validDataset();
      breakIt(dataset);
      const problems = validateDataset(schema, dataset);
      expect(problems).toContainEqual(
        expect.objectContaining({ ...expected, message: expected.message ?? expect.any(String) }),
      );
    });
  });
});

describe('the extracted schema', () => {
  it('marks required fields as not optional (extracted with --enforce-required-fields)', () => {
    const organisation = schema.find((type) => (type as { name: string }).name === 'organisation') as {
      attributes: Record<string, { optional?: boolean }>;
    };
    expect(organisation.attributes.name.optional).toBe(false);
    expect(organisation.attributes.region.optional).toBe(true);
  });
});

describe.skipIf(documents.length === 0)('the content in content/*.ndjson', () => {
  const problems = validateDataset(schema, documents);

  it('holds every document type of the content model', () => {
    const types = new Set(documents.map((doc) => doc._type));
    expect([...types].sort()).toEqual(['adrScheme', 'complaintForm', 'complaintsCode', 'organisation', 'regime']);
  });

  describe.each(documents.map((doc) => [doc._id, doc._type] as const))('document %s (%s)', (id) => {
    it('follows the schema and the content model', () => {
      expect(problems.filter((problem) => problem.id === id)).toEqual([]);
    });
  });

  it('has no problem outside a known document', () => {
    const ids = new Set(documents.map((doc) => doc._id));
    expect(problems.filter((problem) => !ids.has(problem.id))).toEqual([]);
  });
});

describe('the test fixture organisations (test/fixtures/content) beside content/', () => {
  const fixtures = readdirSync('test/fixtures/content').filter((file) => file.endsWith('.ndjson'));
  const all = [...documents, ...fixtures.flatMap((file) => parseNdjson(readFileSync(join('test/fixtures/content', file), 'utf8'), file))];

  it('follow the schema and the content model, Welsh and Austrian German included', () => {
    expect(validateDataset(schema, all)).toEqual([]);
  });
});

describe('regime warnings (a code that promises less than its regime)', () => {
  const regime = {
    _id: 'regime-test',
    _type: 'regime',
    shortName: 'Test law',
    adrOnDeadlock: true,
    adrAfterFinalResponse: false,
    limits: [
      { _key: 'a8', kind: 'adrAfter', duration: { amount: 8, unit: 'weeks' }, effectiveFrom: '2018-10-01' },
      { _key: 'a6', kind: 'adrAfter', duration: { amount: 6, unit: 'weeks' }, effectiveFrom: '2026-04-08' },
      { _key: 'r', kind: 'resolve', duration: { amount: 30, unit: 'calendarDays' }, effectiveFrom: '2020-01-01' },
    ],
  };
  const organisation = (adrWeeks: number, resolveDays: number) => ({
    _id: 'org-x',
    _type: 'organisation',
    regime: { _type: 'reference', _ref: 'regime-test' },
    adr: [{ _key: 'a', after: { amount: adrWeeks, unit: 'weeks' }, onDeadlock: true }],
    commitments: [{ _key: 'c', event: 'resolve', route: 'formal', duration: { amount: resolveDays, unit: 'calendarDays' } }],
  });
  it.each([
    ['an 8-week ADR period before the law changed', 8, 30, '2026-04-07', []],
    ['an 8-week ADR period once the law says 6', 8, 30, '2026-04-08', ['adr']],
    ['a 6-week ADR period once the law says 6', 6, 30, '2026-04-08', []],
    ['an answer later than the law allows', 6, 45, '2026-04-08', ['commitments']],
  ])('%s', (_name, weeks, days, date, paths) => {
    expect(regimeWarnings([regime, organisation(weeks as number, days as number)], date as string).map((w) => w.path)).toEqual(paths);
  });
  it('warns about the seed content where the code is behind the law (Ofcom: 8 weeks in the code, 6 by law)', () => {
    const warnings = regimeWarnings(documents, '2026-11-01');
    expect(warnings.map((w) => w.id).sort()).toEqual(['org-opus', 'org-opus-telecoms']);
  });
});
