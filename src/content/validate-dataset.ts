/**
 * Checks a content dataset (the documents of content/*.ndjson, or a Sanity export)
 * against the schema the Studio extracts (`sanity schema extract --enforce-required-fields`,
 * studio/schema.json) and against the rules of docs/content-model.md that a schema
 * cannot express: references resolve, keys are unique, every language an organisation
 * declares has its text and its complaints code.
 *
 * Plain TypeScript with no Sanity runtime, so a test, a CLI or a build step can use it.
 */
import { contradictions, type DurationLike, type PromiseToCheck } from '../cases/regime-check.ts';

import { canonicalLanguageTag } from '../i18n/index.ts';

/** One thing wrong with the dataset. `path` is Sanity's path syntax: `stages[_key=="s1"].title`. */
export interface Problem {
  id: string;
  path: string;
  message: string;
}

export interface ValidateOptions {
  /**
   * The languages a localised value may use. Default: any well-formed BCP 47 tag in its
   * canonical form (cy, de-AT): organisations publish in languages the interface does not speak.
   */
  locales?: readonly string[];
  /**
   * Report array items of object type that carry no `_type` (default true). Sanity writes
   * `_type` on every array item and TypeGen's types promise it; the Studio itself would
   * infer it where an array holds a single object type, which `false` imitates.
   */
  requireArrayItemType?: boolean;
}

/**
 * What is wrong with a language code, or null: it must be a BCP 47 tag in its canonical
 * form (the form a page address uses: /cy/, /de-AT/), and one of `allowed` when given.
 */
export function languageTagProblem(language: string, allowed: readonly string[] = []): string | null {
  if (allowed.length > 0) return allowed.includes(language) ? null : `Use one of the languages ${allowed.join(', ')}; found ${JSON.stringify(language)}.`;
  const canonical = canonicalLanguageTag(language);
  if (!canonical) return `${JSON.stringify(language)} is not a BCP 47 language tag: write a code such as "cy", "de" or "fr-BE".`;
  if (canonical !== language) return `Write the language ${JSON.stringify(language)} as ${JSON.stringify(canonical)}.`;
  return null;
}

// Shapes of the extracted schema (groq-js "type nodes"), narrowed to what is checked here.
type TypeNode =
  | { type: 'string'; value?: string }
  | { type: 'number'; value?: number }
  | { type: 'boolean'; value?: boolean }
  | { type: 'null' }
  | { type: 'unknown' }
  | { type: 'array'; of: TypeNode }
  | { type: 'object'; attributes: Record<string, ObjectAttribute>; rest?: TypeNode; dereferencesTo?: string }
  | { type: 'union'; of: TypeNode[] }
  | { type: 'inline'; name: string };

interface ObjectAttribute {
  type: 'objectAttribute';
  value: TypeNode;
  optional?: boolean;
}

type SchemaEntry =
  | { name: string; type: 'document'; attributes: Record<string, ObjectAttribute> }
  | { name: string; type: 'type'; value: TypeNode };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface FlatObject {
  attributes: Record<string, ObjectAttribute>;
  /** The `_type` literal the object carries, when it has one. */
  typeName?: string;
  dereferencesTo?: string;
}

interface RequiredI18n {
  id: string;
  path: string;
  value: Json;
}

const ADR_PERIOD_UNITS = ['calendarDays', 'businessDays', 'weeks', 'months'];
const SYSTEM_FIELDS = new Set(['_id', '_type', '_createdAt', '_updatedAt', '_rev', '_key', '_weak']);
const I18N_TYPES = new Set(['internationalizedArrayString', 'internationalizedArrayText']);

const PATTERNS = {
  slug: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  referencePrefix: /^[A-Z]{2,4}$/,
  time: /^([01]\d|2[0-3]):[0-5]\d$/,
  version: /^\d+(\.\d+)*$/,
  country: /^[A-Z]{2}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  camelCase: /^[a-z][a-zA-Z0-9]*$/,
  documentId: /^[A-Za-z0-9_-]+$/,
};

/** Field formats the extracted schema cannot carry: `typeName.field` -> [pattern, what it should be]. */
const FIELD_FORMATS: Record<string, [RegExp, string]> = {
  'slug.current': [PATTERNS.slug, 'lowercase letters, digits and single hyphens'],
  'organisation.referencePrefix': [PATTERNS.referencePrefix, '2-4 capital letters'],
  'organisation.country': [PATTERNS.country, 'an ISO 3166-1 alpha-2 code such as GB'],
  'postalAddress.country': [PATTERNS.country, 'an ISO 3166-1 alpha-2 code such as GB'],
  'adrScheme.jurisdiction': [PATTERNS.country, 'an ISO 3166-1 alpha-2 code such as GB'],
  'openingPeriod.opens': [PATTERNS.time, 'a time HH:MM'],
  'openingPeriod.closes': [PATTERNS.time, 'a time HH:MM'],
  'complaintsCode.version': [PATTERNS.version, 'a version such as 1.0'],
  'complaintsCode.effectiveFrom': [PATTERNS.date, 'a date YYYY-MM-DD'],
  'closure.from': [PATTERNS.date, 'a date YYYY-MM-DD'],
  'closure.to': [PATTERNS.date, 'a date YYYY-MM-DD'],
  'formField.key': [PATTERNS.camelCase, 'a camelCase key'],
  'formCategory.key': [PATTERNS.camelCase, 'a camelCase key'],
  'satisfactionRating.key': [PATTERNS.camelCase, 'a camelCase key'],
};

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function itemPath(path: string, item: unknown, index: number): string {
  const key = isObject(item) && typeof item._key === 'string' ? item._key : undefined;
  return key === undefined ? `${path}[${index}]` : `${path}[_key==${JSON.stringify(key)}]`;
}

function fieldPath(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

class DatasetValidator {
  readonly problems: Problem[] = [];
  readonly requiredI18n: RequiredI18n[] = [];
  readonly references: { id: string; path: string; ref: string; to?: string }[] = [];
  private readonly types = new Map<string, SchemaEntry>();
  private readonly locales: readonly string[];
  private readonly requireArrayItemType: boolean;
  private id = '';

  constructor(schema: readonly unknown[], options: ValidateOptions) {
    for (const entry of schema) {
      if (isObject(entry) && typeof entry.name === 'string')
        this.types.set(entry.name, entry as unknown as SchemaEntry);
    }
    this.locales = options.locales ?? [];
    this.requireArrayItemType = options.requireArrayItemType ?? true;
  }

  report(path: string, message: string, id = this.id): void {
    this.problems.push({ id, path, message });
  }

  isDocumentType(name: string): boolean {
    return this.types.get(name)?.type === 'document';
  }

  checkDocument(doc: JsonObject): void {
    this.id = typeof doc._id === 'string' ? doc._id : '(no _id)';
    if (typeof doc._id !== 'string' || doc._id === '') return this.report('_id', 'The document has no _id.');
    if (!PATTERNS.documentId.test(doc._id)) {
      this.report(
        '_id',
        'Use only letters, digits, hyphens and underscores in _id (a dot makes a document private).',
      );
    }
    const entry = typeof doc._type === 'string' ? this.types.get(doc._type) : undefined;
    if (!entry || entry.type !== 'document') {
      return this.report('_type', `Unknown document type ${describe(doc._type)}.`);
    }
    this.checkObject(doc, { attributes: entry.attributes, typeName: entry.name }, '', entry.name);
  }

  /** Collapses `inline` names and `rest` chains into one attribute list. */
  private flatten(node: TypeNode): FlatObject | undefined {
    if (node.type === 'inline') {
      const entry = this.types.get(node.name);
      if (!entry) return undefined;
      if (entry.type === 'document') return { attributes: entry.attributes, typeName: entry.name };
      return this.flatten(entry.value);
    }
    if (node.type !== 'object') return undefined;
    const rest = node.rest ? this.flatten(node.rest) : undefined;
    const attributes = { ...node.attributes, ...rest?.attributes };
    const literal = attributes._type?.value;
    return {
      attributes,
      typeName: literal?.type === 'string' ? literal.value : undefined,
      dereferencesTo: node.dereferencesTo ?? rest?.dereferencesTo,
    };
  }

  private resolve(node: TypeNode): TypeNode {
    if (node.type !== 'inline') return node;
    const entry = this.types.get(node.name);
    if (!entry) return { type: 'unknown' };
    return entry.type === 'type' ? this.resolve(entry.value) : node;
  }

  check(value: Json, node: TypeNode, path: string, typeName: string | undefined, inArray = false): void {
    if (node.type === 'inline') {
      const entry = this.types.get(node.name);
      if (!entry) return this.report(path, `The schema has no type ${node.name}.`);
      if (entry.type === 'document')
        return this.report(path, `Embed a reference to ${node.name}, not the document.`);
      const named = entry.value.type === 'object' ? node.name : typeName;
      return this.check(value, entry.value, path, named, inArray);
    }
    switch (node.type) {
      case 'unknown':
        return;
      case 'null':
        if (value !== null) this.report(path, `Expected null, found ${describe(value)}.`);
        return;
      case 'string':
      case 'number':
      case 'boolean':
        if (typeof value !== node.type)
          return this.report(path, `Expected a ${node.type}, found ${describe(value)}.`);
        if (node.value !== undefined && value !== node.value) {
          this.report(path, `Expected ${JSON.stringify(node.value)}, found ${JSON.stringify(value)}.`);
        }
        return;
      case 'array':
        return this.checkArray(value, node.of, path);
      case 'union':
        return this.checkUnion(value, node.of, path, inArray);
      case 'object': {
        const flat = this.flatten(node);
        if (!flat) return;
        return this.checkObject(value, flat, path, flat.typeName ?? typeName, inArray);
      }
    }
  }

  private checkArray(value: Json, of: TypeNode, path: string): void {
    if (!Array.isArray(value)) return this.report(path, `Expected an array, found ${describe(value)}.`);
    const resolved = this.resolve(of);
    const holdsObjects =
      resolved.type === 'object' ||
      resolved.type === 'inline' ||
      (resolved.type === 'union' && resolved.of.some((member) => this.flatten(member) !== undefined));
    const keys = new Set<string>();
    value.forEach((item, index) => {
      const p = itemPath(path, item, index);
      if (holdsObjects && isObject(item)) {
        if (typeof item._key !== 'string' || item._key === '') this.report(p, 'Give the array item a _key.');
        else if (keys.has(item._key))
          this.report(p, `The _key ${JSON.stringify(item._key)} is used twice in this array.`);
        else keys.add(item._key);
      }
      this.check(item, of, p, undefined, true);
    });
  }

  private checkUnion(value: Json, members: TypeNode[], path: string, inArray: boolean): void {
    const literals = members.filter(
      (member): member is { type: 'string'; value: string } =>
        member.type === 'string' && member.value !== undefined,
    );
    if (literals.length === members.length) {
      if (!literals.some((member) => member.value === value)) {
        this.report(
          path,
          `Expected one of ${literals.map((m) => m.value).join(', ')}; found ${describe(value)}.`,
        );
      }
      return;
    }
    const objects = members.map((member) => ({ member, flat: this.flatten(member) })).filter((m) => m.flat);
    if (!isObject(value)) {
      const scalar = members.find((member) => member.type === typeof value);
      if (scalar) return this.check(value, scalar, path, undefined, inArray);
      return this.report(
        path,
        `Expected one of the types ${members.map((m) => m.type).join(', ')}; found ${describe(value)}.`,
      );
    }
    const typed = objects.find((m) => m.flat?.typeName !== undefined && m.flat.typeName === value._type);
    if (typed) return this.checkObject(value, typed.flat!, path, typed.flat!.typeName, inArray);
    const names = objects.map((m) => m.flat?.typeName).filter(Boolean);
    if (value._type === undefined && objects.length === 1) {
      return this.checkObject(value, objects[0].flat!, path, objects[0].flat!.typeName, inArray);
    }
    this.report(path, `Set _type to one of ${names.join(', ')}; found ${describe(value._type)}.`);
  }

  private checkObject(
    value: Json,
    flat: FlatObject,
    path: string,
    typeName: string | undefined,
    inArray = false,
  ): void {
    if (!isObject(value)) return this.report(path, `Expected an object, found ${describe(value)}.`);
    const { attributes } = flat;
    for (const [name, attribute] of Object.entries(attributes)) {
      const fp = fieldPath(path, name);
      const field = value[name];
      if (name === '_type') {
        if (field === undefined) {
          if (inArray && flat.typeName && this.requireArrayItemType) {
            this.report(fp, `Set _type to ${JSON.stringify(flat.typeName)} on this array item.`);
          }
          continue;
        }
      }
      if (field === undefined || field === null) {
        if (attribute.optional === false) this.report(fp, 'This field is required.');
        continue;
      }
      if (attribute.optional === false && Array.isArray(field) && field.length === 0) {
        this.report(fp, 'This field is required: add at least one item.');
      }
      const inlineName = attribute.value.type === 'inline' ? attribute.value.name : undefined;
      if (inlineName && I18N_TYPES.has(inlineName)) this.checkI18n(field, fp, attribute.optional === false);
      this.check(field, attribute.value, fp, typeName);
      const format = typeName ? FIELD_FORMATS[`${typeName}.${name}`] : undefined;
      if (format && typeof field === 'string' && !format[0].test(field)) {
        this.report(fp, `Expected ${format[1]}, found ${JSON.stringify(field)}.`);
      }
    }
    for (const name of Object.keys(value)) {
      if (!(name in attributes) && !SYSTEM_FIELDS.has(name)) {
        this.report(fieldPath(path, name), `Unknown field ${name}${typeName ? ` on ${typeName}` : ''}.`);
      }
    }
    if (flat.dereferencesTo !== undefined && typeof value._ref === 'string') {
      this.references.push({ id: this.id, path, ref: value._ref, to: flat.dereferencesTo });
    }
    if (typeName === 'openingPeriod') this.checkOpeningPeriod(value, path);
    if (typeName === 'duration') this.checkDuration(value, path);
    if (typeName === 'adrRule') this.checkAdrRule(value, path);
  }

  private checkI18n(value: Json, path: string, required: boolean): void {
    if (!Array.isArray(value)) return;
    const seen = new Set<string>();
    value.forEach((item, index) => {
      if (!isObject(item)) return;
      const language = item.language;
      const p = itemPath(path, item, index);
      if (typeof language !== 'string') return;
      const problem = languageTagProblem(language, this.locales);
      if (problem) this.report(`${p}.language`, problem);
      if (seen.has(language)) this.report(p, `There is more than one ${language} value.`);
      seen.add(language);
    });
    if (required) this.requiredI18n.push({ id: this.id, path, value });
  }

  /** Time limits: the Studio refuses zero or negative amounts (studio/schemaTypes/duration.ts). */
  private checkDuration(value: JsonObject, path: string): void {
    if (typeof value.amount === 'number' && !(value.amount > 0)) {
      this.report(fieldPath(path, 'amount'), 'A time limit must be a whole number above zero.');
    }
  }

  /**
   * As the Studio's ADR rule (studio/schemaTypes/adrRule.ts): a waiting period in calendar days,
   * business days, weeks or months (weeks above zero in the older `afterWeeks`), and some way to
   * become eligible (the period, deadlock or the final response).
   */
  private checkAdrRule(value: JsonObject, path: string): void {
    const { afterWeeks, onDeadlock, afterFinalResponse, after } = value;
    const unit = isObject(after) ? after.unit : undefined;
    if (typeof afterWeeks === 'number' && !(afterWeeks > 0)) {
      this.report(fieldPath(path, 'afterWeeks'), 'Use a whole number of weeks above zero, or leave it empty.');
    } else if (typeof unit === 'string' && !ADR_PERIOD_UNITS.includes(unit)) {
      this.report(fieldPath(fieldPath(path, 'after'), 'unit'), 'Use calendar days, business days, weeks or months for a waiting period.');
    } else if (onDeadlock === false && afterFinalResponse !== true && afterWeeks == null && after == null) {
      this.report(fieldPath(path, 'onDeadlock'), 'Turn this on, turn on "after the final response", or give the waiting period.');
    }
  }

  private checkOpeningPeriod(value: JsonObject, path: string): void {
    const { opens, closes } = value;
    if (
      typeof opens === 'string' &&
      typeof closes === 'string' &&
      PATTERNS.time.test(opens) &&
      closes <= opens
    ) {
      this.report(
        fieldPath(path, 'closes'),
        `The closing time ${closes} is not after the opening time ${opens}.`,
      );
    }
  }
}

function filledLanguages(value: Json): Set<string> {
  const filled = new Set<string>();
  if (!Array.isArray(value)) return filled;
  for (const item of value) {
    if (
      isObject(item) &&
      typeof item.language === 'string' &&
      typeof item.value === 'string' &&
      item.value.trim() !== ''
    ) {
      filled.add(item.language);
    }
  }
  return filled;
}

function stringList(value: Json | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function refOf(value: Json | undefined): string | undefined {
  return isObject(value) && typeof value._ref === 'string' ? value._ref : undefined;
}

/**
 * Validates every document against the extracted schema and the content model's
 * cross-document rules. Returns the problems found; an empty list means the dataset
 * can be imported and rendered.
 *
 * @param schema the JSON array written by `sanity schema extract --enforce-required-fields`
 * @param documents the dataset's documents (one per NDJSON line)
 */
export function validateDataset(
  schema: readonly unknown[],
  documents: readonly unknown[],
  options: ValidateOptions = {},
): Problem[] {
  const validator = new DatasetValidator(schema, options);
  const byId = new Map<string, JsonObject>();

  for (const doc of documents) {
    if (!isObject(doc)) {
      validator.report('', `Expected a document object, found ${describe(doc)}.`, '(unknown)');
      continue;
    }
    if (typeof doc._id === 'string') {
      if (byId.has(doc._id)) validator.report('_id', 'Two documents have this _id.', doc._id);
      byId.set(doc._id, doc);
    }
    validator.checkDocument(doc);
  }

  for (const { id, path, ref, to } of validator.references) {
    const target = byId.get(ref);
    if (!target)
      validator.report(
        fieldPath(path, '_ref'),
        `The reference ${JSON.stringify(ref)} points to no document.`,
        id,
      );
    else if (to && target._type !== to) {
      validator.report(
        fieldPath(path, '_ref'),
        `The reference points to a ${String(target._type)}, not a ${to}.`,
        id,
      );
    }
  }

  const docs = [...byId.values()];
  const organisations = docs.filter((doc) => doc._type === 'organisation');
  const codes = docs.filter((doc) => doc._type === 'complaintsCode');

  // The languages each document must be readable in: an organisation's own, and for the
  // form and ADR schemes it uses, those of every organisation that uses them.
  const languagesOf = new Map<string, Set<string>>();
  const need = (id: string | undefined, languages: string[]) => {
    if (!id) return;
    const set = languagesOf.get(id) ?? new Set<string>();
    for (const language of languages) set.add(language);
    languagesOf.set(id, set);
  };

  const prefixes = new Map<string, string>();
  for (const org of organisations) {
    const id = org._id as string;
    const languages = stringList(org.languages);
    need(id, languages);
    for (const [field, list] of [['languages', languages], ['translatedLanguages', stringList(org.translatedLanguages)]] as const) {
      for (const language of list) {
        const problem = languageTagProblem(language);
        if (problem) validator.report(field, problem, id);
      }
    }
    need(refOf(org.complaintForm), languages);
    for (const rule of Array.isArray(org.adr) ? org.adr : [])
      need(isObject(rule) ? refOf(rule.scheme) : undefined, languages);

    const repeated = languages.filter((language, index) => languages.indexOf(language) !== index);
    if (repeated.length > 0) validator.report('languages', `${repeated.join(', ')} is listed twice.`, id);
    const translated = stringList(org.translatedLanguages);
    const outside = translated.filter((language) => !languages.includes(language));
    if (outside.length > 0) {
      validator.report(
        'translatedLanguages',
        `${outside.join(', ')} is not one of the organisation's languages.`,
        id,
      );
    }
    if (languages[0] !== undefined && translated.includes(languages[0])) {
      validator.report(
        'translatedLanguages',
        `${languages[0]} is the original language, so it cannot be a translation.`,
        id,
      );
    }

    if (typeof org.referencePrefix === 'string') {
      const other = prefixes.get(org.referencePrefix);
      if (other)
        validator.report('referencePrefix', `${other} already uses the prefix ${org.referencePrefix}.`, id);
      else prefixes.set(org.referencePrefix, id);
    }
    if (typeof org.timeZone === 'string' && !isTimeZone(org.timeZone)) {
      validator.report('timeZone', `${JSON.stringify(org.timeZone)} is not an IANA time zone.`, id);
    }

    const events = (Array.isArray(org.commitments) ? org.commitments : []).flatMap((c) =>
      isObject(c) && typeof c.event === 'string' ? [c.event] : [],
    );
    for (const [index, stage] of (Array.isArray(org.stages) ? org.stages : []).entries()) {
      if (!isObject(stage)) continue;
      for (const event of stringList(stage.commitments)) {
        if (!events.includes(event)) {
          validator.report(
            `${itemPath('stages', stage, index)}.commitments`,
            `No commitment has the event ${event}.`,
            id,
          );
        }
      }
    }

    for (const language of languages) {
      const has = codes.some((code) => refOf(code.organisation) === id && code.language === language);
      if (!has)
        validator.report('languages', `There is no complaintsCode in ${language} for this organisation.`, id);
    }
  }

  const versions = new Map<string, string>();
  for (const code of codes) {
    const org = byId.get(refOf(code.organisation) ?? '');
    if (!org) continue;
    const tagProblem = typeof code.language === 'string' ? languageTagProblem(code.language) : null;
    if (tagProblem) validator.report('language', tagProblem, code._id as string);
    else if (typeof code.language === 'string' && !stringList(org.languages).includes(code.language)) {
      validator.report('language', `${org._id} does not publish in ${code.language}.`, code._id as string);
    }
    const key = `${String(org._id)}/${String(code.language)}/${String(code.version)}`;
    const other = versions.get(key);
    if (other)
      validator.report(
        'version',
        `${other} has the same organisation, language and version.`,
        code._id as string,
      );
    else versions.set(key, code._id as string);
  }

  for (const form of docs.filter((doc) => doc._type === 'complaintForm')) {
    const fields = (Array.isArray(form.fields) ? form.fields : []).filter(isObject);
    const keys = fields.map((field) => field.key);
    fields.forEach((field, index) => {
      const path = itemPath('fields', field, index);
      if (keys.indexOf(field.key) !== index)
        validator.report(`${path}.key`, `The key ${String(field.key)} is used twice.`, form._id as string);
      const showIf = isObject(field.showIf) ? field.showIf : undefined;
      if (showIf && !keys.includes(showIf.field)) {
        validator.report(
          `${path}.showIf.field`,
          `No question has the key ${String(showIf.field)}.`,
          form._id as string,
        );
      }
    });
  }

  for (const { id, path, value } of validator.requiredI18n) {
    const wanted = languagesOf.get(id);
    const filled = filledLanguages(value);
    if (!wanted || wanted.size === 0) {
      if (filled.size === 0) validator.report(path, 'Add the text in at least one language.', id);
      continue;
    }
    const missing = [...wanted].filter((language) => !filled.has(language));
    if (missing.length > 0) validator.report(path, `Add the text in ${missing.join(', ')}.`, id);
  }

  return validator.problems;
}

/** Parses NDJSON text (one document per non-empty line); a bad line throws with its number. */
/**
 * Where an organisation's code promises less than the regime it references requires on `date`
 * (YYYY-MM-DD): the Studio's warning on the organisation's `regime` field, for content that did
 * not come through the Studio. Warnings, not problems: the site applies the stricter date anyway.
 */
export function regimeWarnings(documents: readonly unknown[], date: string): Problem[] {
  const byId = new Map<string, JsonObject>();
  for (const doc of documents) if (isObject(doc) && typeof doc._id === 'string') byId.set(doc._id, doc);
  const warnings: Problem[] = [];
  for (const org of byId.values()) {
    if (org._type !== 'organisation') continue;
    const regime = byId.get(refOf(org.regime) ?? '');
    if (!regime || regime._type !== 'regime') continue;
    const adr = (Array.isArray(org.adr) ? org.adr : []).filter(isObject).map((rule) => ({
      after: isObject(rule.after) ? (rule.after as DurationLike) : typeof rule.afterWeeks === 'number' ? { amount: rule.afterWeeks, unit: 'weeks' } : undefined,
      onDeadlock: rule.onDeadlock === true,
      afterFinalResponse: rule.afterFinalResponse === true,
    }));
    const commitments = (Array.isArray(org.commitments) ? org.commitments : []).filter(isObject) as PromiseToCheck['commitments'][number][];
    const limits = (Array.isArray(regime.limits) ? regime.limits : []).filter(isObject).map((l) => ({
      kind: String(l.kind),
      duration: (isObject(l.duration) ? l.duration : {}) as DurationLike,
      effectiveFrom: String(l.effectiveFrom),
    }));
    const found = contradictions(
      { commitments, adr },
      { name: typeof regime.shortName === 'string' ? regime.shortName : undefined, limits, adrOnDeadlock: regime.adrOnDeadlock === true, adrAfterFinalResponse: regime.adrAfterFinalResponse === true },
      date,
    );
    for (const f of found) warnings.push({ id: String(org._id), path: f.about === 'adr' || f.about.startsWith('adr') ? 'adr' : 'commitments', message: f.message });
  }
  return warnings;
}

export function parseNdjson(text: string, source = 'ndjson'): unknown[] {
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch (error) {
      throw new Error(`${source}:${index + 1}: ${(error as Error).message}`, { cause: error });
    }
  });
}
